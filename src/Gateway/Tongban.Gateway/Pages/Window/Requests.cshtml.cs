using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Requests;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Requests;

namespace Tongban.Gateway.Pages.Window;

/// <summary>
/// 网上申请回访: the community's online requests (masked, overdue call-backs marked), the resident's contact after a
/// stated reason (<see cref="ViewRequestContact"/>, audited), and the call-back's outcome (<see cref="RecordCallBack"/>):
/// the same use cases as /api/requests.
/// </summary>
[ForRoles(PostRole.WindowClerk, PostRole.Specialist)]
public sealed class RequestsModel(ListRequests list, ListRequestChoices choices, CountyClock clock) : StaffPage
{
    public IReadOnlyList<ListRequests.Row> Rows { get; private set; } = [];

    public IReadOnlyList<ListRequestChoices.GridChoice> Grids { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid? SelectedId { get; set; }

    public ListRequests.Row? Selected => Rows.FirstOrDefault(r => r.Id == SelectedId);

    public ViewRequestContact.Contact? Contact { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public CountyClock Clock => clock;

    /// <summary>What was typed into the call-back form, kept when it comes back with errors.</summary>
    public string? OutcomeText { get; private set; }
    public string? AppointmentText { get; private set; }
    public string? AddressText { get; private set; }
    public string? GridText { get; private set; }
    public string? NoteText { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await list.HandleAsync(new("all", 200), Me.Actor, ct);
        if (outcome is Outcome<IReadOnlyList<ListRequests.Row>>.Forbidden f) return Forbidden(f.Reason);
        if (outcome is Outcome<IReadOnlyList<ListRequests.Row>>.Ok { Value: var rows }) Rows = rows;
        var communities = RequestAccess.CommunitiesOf(Me.Actor);
        if (await choices.HandleAsync(new(), ct) is Outcome<ListRequestChoices.Choices>.Ok { Value: var c }) Grids = [.. c.Grids.Where(g => communities.Contains(g.CommunityId))];
        return Page();
    }

    public async Task<IActionResult> OnPostContactAsync(Guid id, string? reason, [FromServices] ViewRequestContact view, CancellationToken ct)
    {
        SelectedId = id;
        var outcome = await view.HandleAsync(new(id, reason), Me.Actor, ct);
        switch (outcome)
        {
            case Outcome<ViewRequestContact.Contact>.Ok { Value: var contact }:
                Contact = contact;
                break;
            case Outcome<ViewRequestContact.Contact>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case Outcome<ViewRequestContact.Contact>.NotFound:
                return NotFoundPage();
            case Outcome<ViewRequestContact.Contact>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        return await OnGetAsync(ct);
    }

    public async Task<IActionResult> OnPostCallBackAsync(Guid id, string? outcome, string? appointmentAt, string? address, string? gridId, string? note, int? version, [FromServices] RecordCallBack callBack, CancellationToken ct)
    {
        SelectedId = id;
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(appointmentAt))
        {
            if (DateTime.TryParseExact(appointmentAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                at = new DateTimeOffset(local, clock.Zone.GetUtcOffset(local));
            }
            else Errors["appointmentAt"] = "请按“年-月-日 时:分”填写预约上门时间。";
        }

        if (Errors.Count == 0)
        {
            var result = await callBack.HandleAsync(new(id, outcome, at, address, gridId, note, version), Me.Actor, ct);
            switch (result)
            {
                case Outcome<RecordCallBack.Recorded>.Ok { Value: var recorded }:
                    SetFlash(recorded.Collection is { } task
                        ? $"已登记回访（{recorded.Request.Reference}）：网格员 {Me.Org.StaffName(task.AssignedStaffId)} 将于 {clock.Format(task.AppointmentAt)} 上门收件。您为首问责任人。"
                        : $"已登记回访（{recorded.Request.Reference}）：{OutcomeLabel(recorded.Request.Outcome)}。您为首问责任人。");
                    return Redirect($"/window/requests?id={id}");
                case Outcome<RecordCallBack.Recorded>.Forbidden forbidden:
                    return Forbidden(forbidden.Reason);
                case Outcome<RecordCallBack.Recorded>.NotFound:
                    return NotFoundPage();
                case Outcome<RecordCallBack.Recorded>.Conflict conflict:
                    Errors["callBack"] = conflict.Reason;
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    break;
                case Outcome<RecordCallBack.Recorded>.Invalid invalid:
                    foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    break;
            }
        }
        else Response.StatusCode = StatusCodes.Status400BadRequest;

        (OutcomeText, AppointmentText, AddressText, GridText, NoteText) = (outcome, appointmentAt, address, gridId, note);
        var status = Response.StatusCode;
        await OnGetAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    public static string StateLabel(ServiceRequestState state) => state switch
    {
        ServiceRequestState.AwaitingCallBack => "待回访",
        ServiceRequestState.Closed => "已答复办结",
        ServiceRequestState.ListTold => "已告知材料，待接件",
        ServiceRequestState.AwaitingCollection => "待上门收件",
        ServiceRequestState.Collected => "已收件，待接件",
        ServiceRequestState.CaseOpened => "已接件",
        _ => state.ToString(),
    };

    public static string OutcomeLabel(CallBackOutcome? outcome) => outcome switch
    {
        CallBackOutcome.Answered => "答复办结",
        CallBackOutcome.ListTold => "一次性告知材料",
        CallBackOutcome.NeedsCollection => "网格员上门收件",
        _ => "—",
    };
}
