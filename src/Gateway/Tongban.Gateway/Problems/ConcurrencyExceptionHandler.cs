using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Problems;

/// <summary>
/// Two staff acted on the same case at once: the first commit won, this one changed nothing. 409, so the
/// client reloads the case and decides again.
/// </summary>
internal sealed class ConcurrencyExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsLostRace(exception)) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = CaseProblems.Conflict("案件刚被其他人员更新，本次操作未生效，请刷新后重试。"),
        });
    }

    /// <summary>
    /// The version check catches most races; when the database serialises the writers (SQLite), the loser can
    /// instead hit the journal's unique (case, sequence) key first. Both mean the same: someone else moved it.
    /// </summary>
    private static bool IsLostRace(Exception exception) =>
        exception is DbUpdateConcurrencyException
        || (exception is DbUpdateException update && update.Entries.Any(e => e.Entity is CaseHistoryEntry));
}
