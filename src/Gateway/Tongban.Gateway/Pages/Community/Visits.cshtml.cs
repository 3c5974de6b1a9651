using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Visits;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.Gateway.Pages.Community;

/// <summary>
/// 上门服务: the community's door-to-door visits (masked) for its staff and unit head — take one, see its contact
/// (audited), open its intake; book a visit taken on the phone; publish the days (unit head or administrator).
/// Every handler only calls its use case.
/// </summary>
public sealed class VisitsModel(ListVisits list, ListVisitDays days) : StaffPage
{
    public ListVisits.Answer? Answer { get; private set; }

    public IReadOnlyList<VisitDay> Days { get; private set; } = [];

    public ViewVisit.Full? Contact { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? GridCode { get; set; }
    [BindProperty] public DateOnly? Day { get; set; }
    [BindProperty] public bool Consent { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    [BindProperty] public int? Capacity { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostTakeAsync(Guid id, [FromServices] TakeVisit take, CancellationToken ct)
    {
        switch (await take.HandleAsync(new(id), Me.Actor, ct))
        {
            case Outcome<Guid>.Ok: SetFlash("已接单：该预约由您上门服务。"); break;
            case Outcome<Guid>.Forbidden f: return Forbidden(f.Reason);
            case Outcome<Guid>.Conflict c: SetFlashError(c.Reason); break;
            case Outcome<Guid>.NotFound n: SetFlashError(n.Reason); break;
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, [FromServices] CancelVisit cancel, CancellationToken ct)
    {
        switch (await cancel.HandleAsync(new(id), Me.Actor, ct))
        {
            case Outcome<Guid>.Ok: SetFlash("已取消该预约，名额已退回。"); break;
            case Outcome<Guid>.Forbidden f: return Forbidden(f.Reason);
            case Outcome<Guid>.Conflict c: SetFlashError(c.Reason); break;
            case Outcome<Guid>.NotFound n: SetFlashError(n.Reason); break;
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostContactAsync(Guid id, [FromServices] ViewVisit view, CancellationToken ct)
    {
        switch (await view.HandleAsync(new(id), Me.Actor, ct))
        {
            case Outcome<ViewVisit.Full>.Ok { Value: var full }: Contact = full; break;
            case Outcome<ViewVisit.Full>.Forbidden f: return Forbidden(f.Reason);
            default: return NotFoundPage();
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostBookAsync([FromServices] BookVisit book, CancellationToken ct)
    {
        var community = await CommunityAsync(ct);
        var outcome = await book.HandleAsync(new BookVisit.Request(community, Name, Phone, Address, Reason, Day, Consent) { GridCode = GridCode }, Me.Actor, ct);
        switch (outcome)
        {
            case Outcome<BookVisit.Answer>.Ok { Value.Booking: { } booked }:
                SetFlash($"已为居民预约 {booked.Day:yyyy-MM-dd} 上门服务。");
                return RedirectToPage();
            case Outcome<BookVisit.Answer>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<BookVisit.Answer>.Forbidden f:
                return Forbidden(f.Reason);
            case Outcome<BookVisit.Answer>.Conflict c:
                FlashError = c.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        return await ShowAsync(ct, keepStatus: true);
    }

    public async Task<IActionResult> OnPostSlotsAsync([FromServices] SetVisitSlots slots, CancellationToken ct)
    {
        switch (await slots.HandleAsync(new(await CommunityAsync(ct), From, To, Capacity), Me.Actor, ct))
        {
            case Outcome<SetVisitSlots.Answer>.Ok { Value: var a }:
                SetFlash($"已设置 {a.Days.Count} 个工作日的上门服务名额（跳过非工作日 {a.SkippedDays} 天）。");
                return RedirectToPage();
            case Outcome<SetVisitSlots.Answer>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors["slots." + key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<SetVisitSlots.Answer>.Forbidden f:
                FlashError = f.Reason;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case Outcome<SetVisitSlots.Answer>.Conflict c:
                FlashError = c.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        return await ShowAsync(ct, keepStatus: true);
    }

    public static string StatusLabel(VisitStatus s) => s switch
    {
        VisitStatus.Booked => "待上门",
        VisitStatus.Done => "已上门接件",
        _ => "已取消",
    };

    private async Task<string?> CommunityAsync(CancellationToken ct) =>
        (await list.HandleAsync(new(null), Me.Actor, ct)) is Outcome<ListVisits.Answer>.Ok { Value: var a } ? a.CommunityId : null;

    private async Task<IActionResult> ShowAsync(CancellationToken ct, bool keepStatus = false)
    {
        switch (await list.HandleAsync(new(null), Me.Actor, ct))
        {
            case Outcome<ListVisits.Answer>.Ok { Value: var a }:
                Answer = a;
                break;
            case Outcome<ListVisits.Answer>.Forbidden f:
                return Forbidden(f.Reason);
            default:
                return BadRequest();
        }

        if (await days.HandleAsync(new(Answer.CommunityId), ct) is Outcome<IReadOnlyList<VisitDay>>.Ok { Value: var open }) Days = open;
        _ = keepStatus;
        return Page();
    }
}
