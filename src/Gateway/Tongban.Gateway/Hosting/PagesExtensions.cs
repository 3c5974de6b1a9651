using Microsoft.AspNetCore.Authentication.Cookies;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.WebEncoders;
using Tongban.Gateway.Pages.Infrastructure;

namespace Tongban.Gateway.Hosting;

/// <summary>
/// The staff pages (Razor Pages, server-rendered, zh-CN): window clerks, specialists, township back offices and
/// the approval bureau. They sit beside the API on the same engine (<c>CaseWorkflow</c>) and rules; they sign in
/// with a session cookie instead of a bearer token, and every asset is served from this process (no CDN).
/// </summary>
public static class PagesExtensions
{
    /// <summary>The default authentication scheme: forwards to bearer for /api/*, to the cookie otherwise.</summary>
    public const string SchemeSelector = "TongbanStaff";

    /// <summary>A session ends after this long without a request (sliding).</summary>
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(30);

    public static void ConfigureSessionCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "tongban.session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        // County intranets often serve plain HTTP; over HTTPS the cookie is marked Secure.
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = SessionTimeout;
        o.SlidingExpiration = true;
        o.LoginPath = "/login";
        o.LogoutPath = "/logout";
        o.ReturnUrlParameter = "returnUrl";
        // Only a page the browser navigates to is sent to the login page. A signed-out browser's request for an image,
        // a script or the icon gets a bare 401: answered with the login page, its new antiforgery cookie would replace
        // the one a public form (预约上门, 网上申请) had just set, and the resident's submit would be refused as expired.
        o.Events.OnRedirectToLogin = context =>
        {
            if (IsNavigation(context.Request)) context.Response.Redirect(context.RedirectUri);
            else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        // A signed-in user without the right is shown the 403 page, not redirected somewhere else.
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Not a page load: a browser says what it fetches (<c>Sec-Fetch-Dest</c>; every current one does). A request
    /// without the header (an older browser, a script) is treated as a page load, as before.
    /// </summary>
    private static bool IsNavigation(HttpRequest request) =>
        request.Headers["Sec-Fetch-Dest"].ToString() is not { Length: > 0 } destination || destination is "document" or "iframe";

    public static WebApplicationBuilder AddGatewayPages(this WebApplicationBuilder builder)
    {
        // Serves wwwroot from the project folder when the gateway runs from its build output (tests, benchmark);
        // a published gateway has wwwroot next to the binaries and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/ChangePassword");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "tongban.af";
            o.FormFieldName = "__af";
        });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // Chinese text goes out as UTF-8 characters, not as &#x...; entities (half the size, readable source).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<CountyClock>();
        services.AddSingleton<OrgDirectory>();
        services.AddScoped<CurrentStaff>();
        services.AddExceptionHandler<ApiUnhandledException>();
        return builder;
    }

    public static WebApplication UseGatewayPages(this WebApplication app)
    {
        // Runs after the API's middleware (UseGatewayApi). The API answers errors with ProblemDetails; pages answer
        // with the HTML error page. Both status-code middlewares stay in the main pipeline (a UseWhen branch could
        // not route to the error page) and each is switched off for the other's requests.
        app.Use(async (context, next) =>
        {
            if (IsPageRequest(context))
            {
                // The server's own time for the page, visible in the browser's developer tools and to the benchmark.
                var started = Stopwatch.GetTimestamp();
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}");
                    return Task.CompletedTask;
                });
                if (context.Features.Get<IStatusCodePagesFeature>() is { } apiStatusPages) apiStatusPages.Enabled = false;
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
            }

            await next(context);
        });
        // Pages: the HTML error page, never exception details. API requests keep their ProblemDetails answer
        // (ApiUnhandledException writes it here, before this handler would render the page).
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(async (context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pageStatusPages) pageStatusPages.Enabled = false;
            await next(context);
        });

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    internal static bool IsPageRequest(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/health");
    }
}

/// <summary>
/// An unexpected exception in an API request: 500 as ProblemDetails (no details outside Development), as the
/// API answered before the pages' HTML error handler sat in front of it. Registered after the API's own handlers.
/// </summary>
internal sealed partial class ApiUnhandledException(IProblemDetailsService problems, ILogger<ApiUnhandledException> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The exception handler has already rewritten the path to /error; the original is in the feature.
        var path = new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value);
        if (!path.StartsWithSegments("/api")) return false;

        // A handled exception is no longer logged by the exception middleware, so it is logged here, once: the trace
        // id the caller gets, the exception's type and stack. Never the request body (personal data).
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        LogUnhandled(logger, exception, exception.GetType().FullName, httpContext.Request.Method, path, traceId);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "服务器内部错误" };
        problem.Extensions["traceId"] = traceId;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} answering {Method} {Path}, trace {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string? exceptionType, string method, PathString path, string traceId);
}
