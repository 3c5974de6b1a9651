using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Residents;
using Tongban.Workflows.Residents;

namespace Tongban.Gateway.Pages.Public;

/// <summary>
/// 办件进度查询 for residents, no login, through <see cref="LookUpCase"/> (the use case POST /api/public/lookup
/// calls, with the same limits and record). The ID characters travel in a POST body, never in the address.
/// </summary>
[AllowAnonymous]
public sealed class LookupModel(LookUpCase lookUp, RequestLookupCode requestCode, Microsoft.Extensions.Options.IOptions<LookupCodeOptions> codeOptions, OrgDirectory org) : PageModel
{
    /// <summary>The steps shown as a bar, in order; correction and withdrawal are shown in words instead.</summary>
    public static readonly (ProgressStep Step, string Label)[] Steps =
    [
        (ProgressStep.Received, "受理"),
        (ProgressStep.AtTownship, "审查"),
        (ProgressStep.Handling, "办理"),
        (ProgressStep.Decided, "办结"),
        (ProgressStep.ReadyForPickUp, "待领取"),
        (ProgressStep.Delivered, "已交付"),
    ];

    [BindProperty(SupportsGet = true, Name = "case")]
    public string? CaseNumber { get; set; }

    [BindProperty(Name = "idTail")]
    public string? IdTail { get; set; }

    /// <summary>The second way: the one-time code sent to the phone on file.</summary>
    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    /// <summary>Which way the form shows: "id" (ID characters) or "code" (短信验证码).</summary>
    [BindProperty(SupportsGet = true, Name = "way")]
    public string? Way { get; set; }

    public bool ByCode => Way == "code";

    public int CodeValidMinutes => codeOptions.Value.ValidMinutes;

    /// <summary>After 发送验证码: the answer that does not say whether the case exists.</summary>
    public string? CodeMessage { get; private set; }

    public LookUpCase.CaseProgress? Progress { get; private set; }

    /// <summary>Not found, or try later: one message, the same for an unknown case and a wrong ID part.</summary>
    public string? Message { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await PrepareAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await PrepareAsync(ct);
        var outcome = await lookUp.HandleAsync(new(CaseNumber, ByCode ? null : IdTail, ByCode ? Code : null) { ClientAddress = HttpContext.Connection.RemoteIpAddress?.ToString(), Door = "page" }, ct);
        // The six characters (or the code) are not sent back into the form.
        IdTail = null;
        Code = null;
        switch (outcome)
        {
            case Outcome<LookUpCase.Answer>.Ok { Value.Result: LookUpCase.Result.Found, Value.Progress: var progress }:
                Progress = progress;
                break;
            case Outcome<LookUpCase.Answer>.Ok { Value.Result: LookUpCase.Result.NoMatch }:
                Message = LookUpCase.NoMatchText;
                break;
            case Outcome<LookUpCase.Answer>.Ok:
                Message = LookUpCase.TryLaterText;
                Response.Headers.RetryAfter = "60";
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case Outcome<LookUpCase.Answer>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        return Page();
    }

    /// <summary>发送验证码: a code to the phone on file, through <see cref="RequestLookupCode"/>.</summary>
    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        await PrepareAsync(ct);
        Way = "code";
        IdTail = null;
        Code = null;
        var outcome = await requestCode.HandleAsync(new(CaseNumber) { ClientAddress = HttpContext.Connection.RemoteIpAddress?.ToString(), Door = "page" }, ct);
        switch (outcome)
        {
            case Outcome<RequestLookupCode.Answer>.Ok { Value.Sent: true }:
                CodeMessage = RequestLookupCode.SentText;
                break;
            case Outcome<RequestLookupCode.Answer>.Ok { Value.RetryAfter: var wait }:
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                Message = LookupCodes.TryLaterText(wait);
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case Outcome<RequestLookupCode.Answer>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        return Page();
    }

    /// <summary>The position of the case's step on the bar (a correction is part of 审查; a withdrawn case is on none).</summary>
    public int CurrentBarIndex => Progress?.Step switch
    {
        ProgressStep.Received => 0,
        ProgressStep.AtTownship or ProgressStep.CorrectionNeeded => 1,
        ProgressStep.Handling => 2,
        ProgressStep.Decided => 3,
        ProgressStep.ReadyForPickUp => 4,
        ProgressStep.Delivered => 5,
        _ => -1,
    };

    private async Task PrepareAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        ViewData["County"] = (await org.GetAsync(ct)).CountyName;
    }
}
