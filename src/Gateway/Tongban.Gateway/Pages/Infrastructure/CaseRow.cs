using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// One case in a list, as staff see it: personal data masked (ID first 6 + last 4, no phone), state and holder in
/// words, the colour, and the actions this person may take on it from the list.
/// </summary>
public sealed record CaseRow(
    Guid Id,
    string Number,
    string ItemName,
    string ApplicantName,
    string IdNumberMasked,
    string IntakeCommunity,
    string RegistrationTownship,
    string StateLabel,
    string Holder,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    Urgency Urgency,
    IReadOnlyList<CaseAction> Actions)
{
    /// <summary>Builds rows from the cases' list columns.</summary>
    public static async Task<List<CaseRow>> BuildAsync(
        IReadOnlyList<CaseListing> cases, TongbanDbContext db, ItemVersionCache items, OrgDirectory.Snapshot org, Actor? actor, DateTimeOffset now, CancellationToken ct)
    {
        var definitions = new Dictionary<Guid, LoadedItemVersion>();
        foreach (var id in cases.Select(c => c.ItemVersionId).Distinct()) definitions[id] = await items.GetAsync(db, id, ct);

        return
        [
            .. cases.Select(c =>
            {
                var item = definitions[c.ItemVersionId];
                var state = c.State == CaseStates.None ? null : item.Definition.States.FirstOrDefault(s => s.Name == c.State);
                var holder = c.CurrentPostId is { } post ? org.PostName(post) : state?.IsFinal == true ? "—" : "移交途中";
                IReadOnlyList<CaseAction> actions = actor is null ? [] : [.. CaseActionsFor.Allowed(item.Definition, c, actor).Where(CaseActionsFor.IsOneClick)];
                return new CaseRow(
                    c.Id, c.Number, item.Spec.Name, c.ApplicantName, CaseViewMasks.Id(c.ApplicantIdNumber),
                    org.JurisdictionName(c.IntakeCommunityId), org.JurisdictionName(c.RegistrationTownshipId),
                    state?.Label ?? c.State, holder, c.OpenedAt, c.UpdatedAt, c.Version, CaseUrgency.Of(c, now), actions);
            }),
        ];
    }
}

/// <summary>Paging for lists: page numbers from 1, a fixed page size.</summary>
public sealed record Paging(int Page, int Size, int Total)
{
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);

    public int Skip => (Math.Clamp(Page, 1, Pages) - 1) * Size;

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < Pages;
}
