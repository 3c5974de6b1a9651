using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.DeadLetters;
using Tongban.Workflows.Definitions;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// 异常消息: hand-offs that could not be received after every retry, open ones first, with a replay button. The
/// list and the replay are the use cases behind <c>/api/dead-letters</c>, so page and API answer alike: a
/// second replay is 409 here too, with the reason above the list.
/// </summary>
[ForRoles(PostRole.BureauSupervisor)]
public sealed class BureauDeadLettersModel(CountyClock clock) : StaffPage
{
    public CountyClock Clock => clock;

    public IReadOnlyList<DeadLetterView> Letters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromServices] ListDeadLetters list, CancellationToken ct) =>
        await ShowListAsync(list, ct);

    public async Task<IActionResult> OnPostReplayAsync(Guid id, [FromServices] ReplayDeadLetter replay, [FromServices] ListDeadLetters list, CancellationToken ct)
    {
        switch (await replay.HandleAsync(new(id), Me.Actor, ct))
        {
            case Outcome<DeadLetterView>.Ok ok:
                SetFlash($"案件 {ok.Value.CaseNumber} 的移交已重新投递，接收方处理后即出现在其待办中。");
                return RedirectToPage();
            case Outcome<DeadLetterView>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case Outcome<DeadLetterView>.Conflict conflict:
                FlashError = conflict.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await ShowListAsync(list, ct);
            default:
                return NotFoundPage();
        }
    }

    private async Task<IActionResult> ShowListAsync(ListDeadLetters list, CancellationToken ct)
    {
        switch (await list.HandleAsync(new(Status: null, Limit: null), Me.Actor, ct))
        {
            case Outcome<IReadOnlyList<DeadLetterView>>.Ok ok:
                Letters = ok.Value;
                return Page();
            case Outcome<IReadOnlyList<DeadLetterView>>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            default:
                throw new InvalidOperationException("Listing every dead letter has no input to refuse.");
        }
    }
}
