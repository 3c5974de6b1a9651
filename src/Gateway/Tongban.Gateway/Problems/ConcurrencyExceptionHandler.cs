using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Tongban.Gateway.Problems;

/// <summary>
/// Two staff acted on the same case at once: the first commit won, this one changed nothing. 409, so the
/// client reloads the case and decides again.
/// </summary>
internal sealed class ConcurrencyExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateConcurrencyException) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = CaseProblems.Conflict("案件刚被其他人员更新，本次操作未生效，请刷新后重试。"),
        });
    }
}
