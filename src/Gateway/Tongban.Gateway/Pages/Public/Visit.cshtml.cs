using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Visits;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Gateway.Pages.Public;

/// <summary>
/// 预约上门 for residents and their families, no login, at a phone's width: choose the community, then a day it
/// published with places left, and leave name, phone, address and what it is about, with consent. Through
/// <see cref="ListVisitDays"/> and <see cref="BookVisit"/> (the use cases the public API calls).
/// </summary>
[AllowAnonymous]
public sealed class VisitModel(ListVisitDays days, BookVisit book, OrgDirectory org) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "community")]
    public string? CommunityId { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateOnly? Day { get; set; }
    [BindProperty] public bool Consent { get; set; }

    public IReadOnlyList<Jurisdiction> Communities { get; private set; } = [];

    public IReadOnlyList<VisitDay> Days { get; private set; } = [];

    public string CommunityName { get; private set; } = "";

    public BookVisit.Booked? Booked { get; private set; }

    public string? Message { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await PrepareAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await book.HandleAsync(new BookVisit.Request(CommunityId, Name, Phone, Address, Reason, Day, Consent)
        {
            ClientAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        }, actor: null, ct);
        switch (outcome)
        {
            case Outcome<BookVisit.Answer>.Ok { Value.TryLater: true }:
                Message = BookVisit.TryLaterText;
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case Outcome<BookVisit.Answer>.Ok { Value.Booking: var booked }:
                Booked = booked;
                break;
            case Outcome<BookVisit.Answer>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<BookVisit.Answer>.Conflict conflict:
                Message = conflict.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                Message = "预约未成功，请稍后再试。";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        await PrepareAsync(ct);
        return Page();
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var snapshot = await org.GetAsync(ct);
        ViewData["County"] = snapshot.CountyName;
        ViewData["Footer"] = "社区通办 · 预约上门 · 您填写的信息仅用于本次上门服务";
        Communities = [.. snapshot.OfKind(JurisdictionKind.UrbanCommunity)];
        var chosen = Communities.FirstOrDefault(c => c.Id == CommunityId);
        if (chosen is null)
        {
            CommunityId = null;
            return;
        }

        CommunityName = chosen.Name;
        if (await days.HandleAsync(new(chosen.Id), ct) is Outcome<IReadOnlyList<VisitDay>>.Ok { Value: var open }) Days = open;
    }

    public static string DayLabel(DateOnly day) =>
        $"{day:M月d日} 星期{"日一二三四五六"[(int)day.DayOfWeek]}";
}
