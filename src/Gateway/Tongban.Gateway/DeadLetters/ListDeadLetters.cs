using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Workflows.Runtime.DeadLetters;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.DeadLetters;

/// <summary>
/// GET /api/dead-letters: hand-offs that failed after every retry (异常消息), open ones first, newest first;
/// <c>?status=Open</c> or <c>Replayed</c> to filter.
/// </summary>
public static class ListDeadLetters
{
    public static void MapListDeadLetters(this RouteGroupBuilder api) =>
        api.MapGet("/dead-letters", HandleAsync)
            .WithTags("Dead letters")
            .WithSummary("Hand-offs that could not be processed after the retries: open ones first. Bureau supervisors and administrators.")
            .Produces<List<DeadLetterView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> HandleAsync(ClaimsPrincipal user, StaffActors staff, TongbanDbContext db, CancellationToken ct, string? status = null, int limit = 200)
    {
        if (!await DeadLetterAccess.AllowedAsync(user, staff, ct)) return DeadLetterAccess.Forbidden();

        var letters = db.DeadLetters.AsNoTracking();
        if (status is { Length: > 0 })
        {
            if (!Enum.TryParse<DeadLetterStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["状态应为 Open（待处理）或 Replayed（已重新投递）。"] }, title: "输入有误");
            }

            letters = letters.Where(d => d.Status == wanted);
        }

        var page = await letters.OrderBy(d => d.Status == DeadLetterStatus.Open ? 0 : 1).ThenByDescending(d => d.FaultedAt)
            .Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(page.Select(DeadLetterView.From).ToList());
    }
}
