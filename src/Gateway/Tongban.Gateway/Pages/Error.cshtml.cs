using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Tongban.Gateway.Pages.Infrastructure;

namespace Tongban.Gateway.Pages;

/// <summary>
/// The one error page: 403 (not your jurisdiction or role), 404, 400 (usually an expired form) and 500. Never
/// shows exception details; the exception is logged by the host.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(CountyClock clock) : StaffPage
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string At { get; private set; } = "";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Response.Headers.CacheControl = "no-store";
        try
        {
            // The failure may have been the database; the page must render without it.
            await Me.LoadAsync(HttpContext.RequestAborted);
        }
        catch (Exception) when (!HttpContext.RequestAborted.IsCancellationRequested)
        {
        }

        await next();
    }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        Code = code ?? (failed ? 500 : Response.StatusCode is >= 400 and var s ? s : 500);
        Response.StatusCode = Code;
        At = clock.Format(clock.Now);
        (Title, Message) = Code switch
        {
            403 => ("无权访问（403）", HttpContext.Items[ForbiddenReasonKey] as string ?? "您没有查看或办理此内容的权限：只能查看本辖区、本岗位的案件。"),
            404 => ("页面不存在（404）", "您访问的页面或案件不存在，请检查地址是否正确。"),
            400 => ("请求无效（400）", "页面可能已过期或被重复提交，请刷新页面后重试。"),
            429 => ("请求过于频繁（429）", "请稍后再试。"),
            _ => ("系统暂时出错", "系统处理您的请求时出错，本次操作可能没有完成。请返回后刷新页面查看最新状态，再重试一次。"),
        };
    }
}
