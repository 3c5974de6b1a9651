using Microsoft.EntityFrameworkCore;
using Tongban.UseCases.Visits;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.SpecialGroups;

/// <summary>
/// 主动服务清单: residents of the community's register (optionally one grid) who seem eligible for an item by its
/// catalogue hint (age from the ID number, groups from the register) and have no open or decided case for it — for
/// the grid's staff to visit before they ask. Masked like the register; <see cref="Eligibility.Find"/> decides.
/// </summary>
public sealed class ListProactive(TongbanDbContext db, ItemVersionCache items, CalendarProvider calendars, TimeProvider clock)
{
    public sealed record Request(string? CommunityId, string? GridCode);

    /// <param name="RegisterRowId">A row of the register for this resident (its full view, with a reason, shows the contact).</param>
    public sealed record Row(Guid RegisterRowId, string? GridCode, string NameMasked, string IdNumberMasked, string ItemCode, string ItemName, string Why, string Note);

    public sealed record Answer(string CommunityId, IReadOnlyList<Row> Rows);

    public async Task<Outcome<Answer>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var community = await CommunityAccess.ResolveAsync(db, actor, request.CommunityId, errors, ct);
        var grid = errors.Optional("gridCode", request.GridCode, CommunityAccess.MaxGridCodeLength, "网格编号不超过40个字符。", oneLine: true);
        if (errors.Any) return errors.Outcome<Answer>();
        if (community is null || !await CommunityAccess.IsStaffOfAsync(db, actor, community, ct)) return Outcome.Forbidden<Answer>(CommunityAccess.NotYourCommunity);

        var (today, now) = await SpecialGroupRegister.TodayAsync(db, calendars, clock, ct);
        await SpecialGroupRegister.PurgeExpiredAsync(db, today, now, actor.Id, ct);
        var query = db.SpecialGroupMembers.AsNoTracking().Where(m => m.CommunityId == community && m.Until >= today);
        if (grid is not null) query = query.Where(m => m.GridCode == grid);
        var members = await query.OrderBy(m => m.CreatedAt).ToListAsync(ct);
        if (members.Count == 0) return new Answer(community, []);

        var hinted = new List<HintedItem>();
        foreach (var code in await db.ItemVersions.AsNoTracking().Where(v => v.IsCurrent).Select(v => v.Code).ToListAsync(ct))
        {
            if (await items.GetCurrentAsync(db, code, ct) is { Spec.Eligibility: { } hint } item) hinted.Add(new(code, item.Spec.Name, hint));
        }

        var idNumbers = members.Select(m => m.IdNumber).Distinct().ToList();
        var hintedCodes = hinted.Select(h => h.ItemCode).ToList();
        // Any case but a withdrawn one counts: open, or decided (either way). Withdrawn: at the end its route's
        // withdrawal (视为撤回) leads to, read from the definition the case follows.
        var cases = await db.Cases.AsNoTracking()
            .Where(c => idNumbers.Contains(c.ApplicantIdNumber) && hintedCodes.Contains(c.ItemCode))
            .Select(c => new { c.ApplicantIdNumber, c.ItemCode, c.ItemVersionId, c.State }).Distinct().ToListAsync(ct);
        var withCase = new HashSet<(string, string)>();
        foreach (var c in cases)
        {
            var definition = (await items.GetAsync(db, c.ItemVersionId, ct)).Definition;
            if (StateTraits.Of(definition, c.State)?.IsWithdrawnEnd != true) withCase.Add((c.ApplicantIdNumber, c.ItemCode));
        }

        var residents = members.GroupBy(m => m.IdNumber).Select(g => new RegisteredResident(g.Key, g.Select(m => m.Group).ToHashSet())).ToList();
        var first = members.GroupBy(m => m.IdNumber).ToDictionary(g => g.Key, g => g.First());
        var matches = Eligibility.Find(residents, hinted, withCase, today);
        return new Answer(community, [.. matches.Select(x =>
        {
            var m = first[x.IdNumber];
            return new Row(m.Id, m.GridCode, Mask.Name(m.Name), Mask.KeepEnds(m.IdNumber, 6, 4), x.ItemCode, x.ItemName, x.Why, hinted.First(h => h.ItemCode == x.ItemCode).Hint.Note);
        })]);
    }
}
