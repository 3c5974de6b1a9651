using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongban.Workflows.Definitions;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>Pages only staff holding one of these post roles may open; others get the 403 page.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ForRolesAttribute(params PostRole[] roles) : Attribute
{
    public IReadOnlyList<PostRole> Roles { get; } = roles;
}

/// <summary>
/// Base of every staff page: loads the signed-in person (posts, names) before any handler, enforces
/// <see cref="ForRolesAttribute"/>, keeps personal data out of caches, and carries a one-time message
/// across a redirect (post/redirect/get).
/// </summary>
public abstract class StaffPage : PageModel
{
    public const string ForbiddenReasonKey = "tongban.forbidden-reason";
    private const string FlashKey = "flash";
    private const string FlashErrorKey = "flash-error";

    private CurrentStaff? _me;

    public CurrentStaff Me => _me ??= HttpContext.RequestServices.GetRequiredService<CurrentStaff>();

    /// <summary>The message left by the previous request (e.g. "已签收"), shown once.</summary>
    public string? Flash { get; private set; }

    /// <summary>An error left by the previous request (e.g. a refused one-click action in a list), shown once.</summary>
    public string? FlashError { get; protected set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Response.Headers.CacheControl = "no-store";
        await Me.LoadAsync(HttpContext.RequestAborted);
        var required = GetType().GetCustomAttribute<ForRolesAttribute>();
        if (required is not null && !required.Roles.Any(Me.Holds))
        {
            context.Result = Forbidden($"此页面仅供{string.Join("、", required.Roles.Select(r => Workflows.Cases.RoleLabels.Of(r)))}使用。");
            return;
        }

        Flash = TempData[FlashKey] as string;
        FlashError = TempData[FlashErrorKey] as string;
        await next();
    }

    protected void SetFlash(string message) => TempData[FlashKey] = message;

    protected void SetFlashError(string message) => TempData[FlashErrorKey] = message;

    /// <summary>A 403 answered with the HTML error page, which shows <paramref name="reason"/>.</summary>
    protected IActionResult Forbidden(string reason)
    {
        HttpContext.Items[ForbiddenReasonKey] = reason;
        return StatusCode(StatusCodes.Status403Forbidden);
    }

    protected IActionResult NotFoundPage() => StatusCode(StatusCodes.Status404NotFound);
}
