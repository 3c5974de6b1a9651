using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.SpecialGroups;
using Tongban.Workflows.Residents;

namespace Tongban.Gateway.Pages.Community;

/// <summary>
/// 特殊群体台账: the community's register, masked, for its staff and unit head (403 for anyone else); a row in full
/// with a stated reason (audited); a new row. Through the use cases the API calls.
/// </summary>
public sealed class SpecialGroupsModel(ListSpecialGroupMembers list) : StaffPage
{
    [BindProperty(SupportsGet = true, Name = "grid")]
    public string? Grid { get; set; }

    public ListSpecialGroupMembers.Answer? Answer { get; private set; }

    public ViewSpecialGroupMember.Full? Full { get; private set; }

    public Guid? ViewErrorRow { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Group { get; set; }
    [BindProperty] public int? DisabilityGrade { get; set; }
    [BindProperty] public string? GridCode { get; set; }
    [BindProperty] public DateOnly? Since { get; set; }
    [BindProperty] public DateOnly? Until { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostViewAsync(Guid id, string? reason, [FromServices] ViewSpecialGroupMember view, CancellationToken ct)
    {
        switch (await view.HandleAsync(new(id, reason), Me.Actor, ct))
        {
            case Outcome<ViewSpecialGroupMember.Full>.Ok { Value: var full }:
                Full = full;
                break;
            case Outcome<ViewSpecialGroupMember.Full>.Invalid invalid:
                Errors["reason"] = string.Join(" ", invalid.Errors.Values.SelectMany(v => v));
                ViewErrorRow = id;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<ViewSpecialGroupMember.Full>.Forbidden f:
                return Forbidden(f.Reason);
            default:
                return NotFoundPage();
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync([FromServices] AddSpecialGroupMember add, CancellationToken ct)
    {
        var community = (await list.HandleAsync(new(null, null), Me.Actor, ct)) is Outcome<ListSpecialGroupMembers.Answer>.Ok { Value: var a } ? a.CommunityId : null;
        var request = new AddSpecialGroupMember.Request(community, Name, IdNumber, Group, Since, Until)
        {
            GridCode = GridCode, Phone = Phone, DisabilityGrade = DisabilityGrade, ContactName = ContactName, ContactPhone = ContactPhone, Note = Note,
        };
        switch (await add.HandleAsync(request, Me.Actor, ct))
        {
            case Outcome<Guid>.Ok:
                SetFlash("已登记到特殊群体台账。");
                return RedirectToPage();
            case Outcome<Guid>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<Guid>.Forbidden f:
                return Forbidden(f.Reason);
        }

        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        switch (await list.HandleAsync(new(null, string.IsNullOrWhiteSpace(Grid) ? null : Grid), Me.Actor, ct))
        {
            case Outcome<ListSpecialGroupMembers.Answer>.Ok { Value: var a }:
                Answer = a;
                return Page();
            case Outcome<ListSpecialGroupMembers.Answer>.Forbidden f:
                return Forbidden(f.Reason);
            default:
                return BadRequest();
        }
    }

    public static IEnumerable<SpecialGroup> Groups => Enum.GetValues<SpecialGroup>();
}
