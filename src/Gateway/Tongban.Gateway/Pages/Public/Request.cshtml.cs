using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Requests;

namespace Tongban.Gateway.Pages.Public;

/// <summary>
/// 网上咨询/预约 for residents, no login, phone first, through <see cref="SubmitRequest"/> (the use case POST
/// /api/public/requests calls, with the same limit): the community calls back by the limit shown.
/// </summary>
[AllowAnonymous]
public sealed class RequestModel(ListRequestChoices choices, OrgDirectory org, CountyClock clock) : PageModel
{
    public static readonly string[] PreferredTimes = ["工作日上午", "工作日下午", "任意时间"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty] public string? ItemCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? PreferredTime { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? CommunityId { get; set; }
    [BindProperty] public string? GridId { get; set; }
    [BindProperty] public bool Consent { get; set; }

    public ListRequestChoices.Choices Choices { get; private set; } = new([], [], []);

    public IEnumerable<ListRequestChoices.Item> ShownItems =>
        Choices.Items.Where(i => string.IsNullOrWhiteSpace(Q) || SearchKey(i).Contains(Q.Trim().ToLowerInvariant(), StringComparison.Ordinal));

    public SubmitRequest.Answer? Answer { get; private set; }

    public string? Message { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public CountyClock Clock => clock;

    public static string SearchKey(ListRequestChoices.Item i) => $"{i.Name} {i.PinyinInitials} {i.Code}".ToLowerInvariant();

    public async Task OnGetAsync(CancellationToken ct) => await PrepareAsync(ct);

    public async Task<IActionResult> OnPostAsync([FromServices] SubmitRequest submit, CancellationToken ct)
    {
        await PrepareAsync(ct);
        var outcome = await submit.HandleAsync(
            new(ItemCode, Name, Phone, PreferredTime, Address, CommunityId, GridId, Consent) { ClientAddress = HttpContext.Connection.RemoteIpAddress?.ToString() }, ct);
        switch (outcome)
        {
            case Outcome<SubmitRequest.Answer>.Ok { Value.Result: SubmitRequest.Result.Submitted, Value: var answer }:
                Answer = answer;
                break;
            case Outcome<SubmitRequest.Answer>.Ok:
                Message = SubmitRequest.TryLaterText;
                Response.Headers.RetryAfter = "3600";
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case Outcome<SubmitRequest.Answer>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        return Page();
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        ViewData["County"] = (await org.GetAsync(ct)).CountyName;
        if (await choices.HandleAsync(new(), ct) is Outcome<ListRequestChoices.Choices>.Ok { Value: var c }) Choices = c;
    }
}
