using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.DeadLetters;

/// <summary>异常消息: hand-offs that failed after every retry, open ones first, newest first; optionally of one status.</summary>
public sealed class ListDeadLetters(TongbanDbContext db)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    /// <param name="Status"><c>Open</c> or <c>Replayed</c> (any case); every status when empty.</param>
    /// <param name="Limit">How many, 1 to <see cref="MaxLimit"/> (clamped); <see cref="DefaultLimit"/> when null.</param>
    public sealed record Request(string? Status, int? Limit);

    public async Task<Outcome<IReadOnlyList<DeadLetterView>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await DeadLetterAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<IReadOnlyList<DeadLetterView>>(DeadLetterAccess.Refusal);

        var letters = db.DeadLetters.AsNoTracking();
        if (request.Status is { Length: > 0 } status)
        {
            if (!Enum.TryParse<DeadLetterStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted) || int.TryParse(status, out _))
            {
                return Outcome.Invalid<IReadOnlyList<DeadLetterView>>("status", "状态应为 Open（待处理）或 Replayed（已重新投递）。");
            }

            letters = letters.Where(d => d.Status == wanted);
        }

        var page = await letters.OrderBy(d => d.Status == DeadLetterStatus.Open ? 0 : 1).ThenByDescending(d => d.FaultedAt)
            .Take(Math.Clamp(request.Limit ?? DefaultLimit, 1, MaxLimit)).ToListAsync(ct);
        return new Outcome<IReadOnlyList<DeadLetterView>>.Ok([.. page.Select(DeadLetterView.From)]);
    }
}
