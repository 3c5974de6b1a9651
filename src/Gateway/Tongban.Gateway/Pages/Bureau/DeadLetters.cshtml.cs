using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.DeadLetters;
using Tongban.Gateway.Pages.Infrastructure;
using ReplayDeadLetter = Tongban.UseCases.Bureau.ReplayDeadLetter;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// 异常消息: hand-offs that could not be received after every retry, open ones first, with a replay button (the
/// same replay use case as <c>POST /api/dead-letters/{id}/replay</c>: outbox, original MessageId, audited).
/// </summary>
[ForRoles(PostRole.BureauSupervisor)]
public sealed class BureauDeadLettersModel(TongbanDbContext db, ReplayDeadLetter replay, CountyClock clock) : StaffPage
{
    public CountyClock Clock => clock;

    public IReadOnlyList<DeadLetterView> Letters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var letters = await db.DeadLetters.AsNoTracking()
            .OrderBy(d => d.Status == DeadLetterStatus.Open ? 0 : 1).ThenByDescending(d => d.FaultedAt).Take(200).ToListAsync(ct);
        Letters = [.. letters.Select(DeadLetterView.From)];
    }

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken ct)
    {
        switch (await replay.HandleAsync(new ReplayDeadLetter.Request(Me.Actor, User.IsInRole("Administrator"), id), ct))
        {
            case ReplayDeadLetter.Result.Replayed replayed:
                SetFlash($"案件 {DeadLetterView.From(replayed.Letter).CaseNumber} 的移交已重新投递，接收方处理后即出现在其待办中。");
                break;
            case ReplayDeadLetter.Result.NotFound:
                SetFlashError("异常消息不存在。");
                break;
            case ReplayDeadLetter.Result.Refused:
                return Forbid();
            default:
                SetFlashError("该异常消息已重新投递，不能重复投递。");
                break;
        }

        return RedirectToPage();
    }
}
