using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Residents;
using Tongban.Workflows.Definitions;

namespace Tongban.Gateway.Pages.Window;

/// <summary>群众通知: the milestone notices of this community's cases, through <see cref="ListResidentNotices"/>.</summary>
[ForRoles(PostRole.WindowClerk, PostRole.BureauSupervisor)]
public sealed class NoticesModel(ListResidentNotices list, CountyClock clock) : StaffPage
{
    public IReadOnlyList<ListResidentNotices.Row> Rows { get; private set; } = [];

    public CountyClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        switch (await list.HandleAsync(new(100), Me.Actor, ct))
        {
            case Outcome<IReadOnlyList<ListResidentNotices.Row>>.Ok { Value: var rows }:
                Rows = rows;
                return Page();
            case Outcome<IReadOnlyList<ListResidentNotices.Row>>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            default:
                return BadRequest();
        }
    }

    public static string MilestoneLabel(Tongban.Workflows.Residents.Milestone m) => m switch
    {
        Tongban.Workflows.Residents.Milestone.Accepted => "已受理",
        Tongban.Workflows.Residents.Milestone.CorrectionNeeded => "需补正",
        Tongban.Workflows.Residents.Milestone.Decided => "已办结",
        Tongban.Workflows.Residents.Milestone.ResultReady => "待领取",
        Tongban.Workflows.Residents.Milestone.Delivered => "已交付",
        Tongban.Workflows.Residents.Milestone.ExtensionApproved => "延期致歉",
        Tongban.Workflows.Residents.Milestone.LookupCode => "查询验证码",
        _ => m.ToString(),
    };

    public static string StatusLabel(Tongban.Workflows.Runtime.Residents.NoticeStatus s) => s switch
    {
        Tongban.Workflows.Runtime.Residents.NoticeStatus.Pending => "待发送",
        Tongban.Workflows.Runtime.Residents.NoticeStatus.Sent => "已发送",
        _ => "发送失败",
    };
}
