using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Tongban.Gateway.Problems;

/// <summary>Malformed or mistyped JSON: 400 with the JSON path of the field that could not be read.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return await TooLargeAsync(httpContext, exception);

        var field = (bad.InnerException as JsonException)?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body";
        if (field.Length == 0) field = "body";
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = ["请求内容无法解析，请检查该字段的格式。"] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "请求格式错误",
                Detail = bad.InnerException is JsonException ? $"JSON 无法解析（字段：{field}）。" : "请求内容无法读取。",
            },
        });
    }

    /// <summary>The body is over Kestrel:Limits:MaxRequestBodySize (256 KB): 413, nothing read, nothing written.</summary>
    private async ValueTask<bool> TooLargeAsync(HttpContext httpContext, Exception exception)
    {
        httpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "请求内容过大",
                Detail = "请求体超过了系统允许的大小（256 KB）。",
            },
        });
    }
}
