using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.DeadLetters;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Bureau;

/// <summary>
/// 异常消息: hand-offs that could not be received after every retry, open ones first, with a replay button (the
/// same replay as <c>POST /api/dead-letters/{id}/replay</c>: outbox, original MessageId, audited).
/// </summary>
[ForRoles(PostRole.BureauSupervisor)]
public sealed class BureauDeadLettersModel(TongbanDbContext db, CountyClock clock) : StaffPage
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
        var (outcome, letter) = await DeadLetterReplay.StageAsync(db, id, Me.Id, clock.Now, ct);
        try
        {
            if (outcome == DeadLetterReplay.Outcome.Replayed) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            outcome = DeadLetterReplay.Outcome.NotOpen;
        }

        switch (outcome)
        {
            case DeadLetterReplay.Outcome.Replayed:
                SetFlash($"案件 {DeadLetterView.From(letter!).CaseNumber} 的移交已重新投递，接收方处理后即出现在其待办中。");
                break;
            case DeadLetterReplay.Outcome.NotFound:
                SetFlashError("异常消息不存在。");
                break;
            default:
                SetFlashError("该异常消息已重新投递，不能重复投递。");
                break;
        }

        return RedirectToPage();
    }
}
