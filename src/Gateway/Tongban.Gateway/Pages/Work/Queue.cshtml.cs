using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases.WorkQueue;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

using Tongban.UseCases;
using Tongban.UseCases.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Pages.Work;

/// <summary>
/// 待办: the cases at the posts this person holds (A or B), most urgent first, with one-click actions (sign for,
/// accept, handle, forward, archive); actions with input open the case page. A county department's officer finds the
/// branch tasks (并联办理) at the department's post here.
/// </summary>
[ForRoles(PostRole.WindowClerk, PostRole.Specialist, PostRole.BackOffice, PostRole.DepartmentOfficer)]
public sealed class QueueModel(TongbanDbContext db, ItemVersionCache items, ApplyRouteAction routeAction, ReadWorkQueue workQueue, CountyClock clock) : StaffPage
{
    public const int PageSize = 50;

    public CountyClock Clock => clock;

    public sealed record NotificationRow(Guid CaseId, string Text, DateTimeOffset At, bool Urgent);

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];

    /// <summary>并联办理: branch tasks at these posts, e.g. an assisting unit's opinion, with the task's own clock.</summary>
    public sealed record TaskRow(Guid CaseId, string Number, string ItemName, string TaskLabel, DateTimeOffset? DueAt, string Colour);

    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];

    /// <summary>Reminders (催办), supervision, withdrawals and milestones for these posts and this person, newest first.</summary>
    public IReadOnlyList<NotificationRow> Notifications { get; private set; } = [];

    public Paging Paging { get; private set; } = new(1, PageSize, 0);

    /// <summary>One of the person's posts, or all of them.</summary>
    public string? Post { get; private set; }

    public async Task OnGetAsync(int p = 1, string? post = null, CancellationToken ct = default)
    {
        var queue = await ReadAsync(p, post, ct);
        if (queue.Cases.Count == 0 && queue.Total > 0 && p > 1)
        {
            // Past the last page (the queue shrank): show the last one.
            queue = await ReadAsync(new Paging(p, PageSize, queue.Total.Value).Pages, post, ct);
        }

        Post = queue.Post;
        Paging = new Paging(Math.Max(1, p), PageSize, queue.Total ?? 0);
        Rows = await CaseRow.BuildAsync(queue.Cases, db, items, Me.Org, Me.Actor, clock.Now, ct);
        var taskRows = new List<TaskRow>();
        foreach (var t in queue.Tasks)
        {
            var item = await items.GetAsync(db, t.Case.ItemVersionId, ct);
            var label = item.Definition.BranchTasks.FirstOrDefault(b => b.Node == t.Task.Node)?.Label ?? t.Task.Node;
            var colour = t.Task.DueAt is not { } due ? "grey" : clock.Now > due ? "red" : clock.Now >= t.Task.YellowAt ? "yellow" : "green";
            taskRows.Add(new TaskRow(t.Case.Id, t.Case.Number, item.Spec.Name, label, t.Task.DueAt, colour));
        }

        Tasks = taskRows;

        var allPosts = Me.Actor.Posts.Select(x => x.PostId).ToList();
        var me = Me.Id;
        var since = clock.Now.AddDays(-14);
        Notifications =
        [
            .. (await db.Notifications.AsNoTracking()
                    .Where(n => ((n.RecipientPostId != null && allPosts.Contains(n.RecipientPostId)) || n.RecipientStaffId == me) && n.CreatedAt >= since)
                    .OrderByDescending(n => n.CreatedAt).Take(8)
                    .Select(n => new { n.CaseId, n.Text, n.CreatedAt, n.Kind })
                    .ToListAsync(ct))
                .Select(n => new NotificationRow(n.CaseId, n.Text, n.CreatedAt, n.Kind.StartsWith("supervision", StringComparison.Ordinal) || n.Kind.StartsWith("escalat", StringComparison.Ordinal) || n.Kind.StartsWith("withdraw", StringComparison.Ordinal) || n.Kind == "rectification")),
        ];
    }

    private async Task<ReadWorkQueue.Queue> ReadAsync(int page, string? post, CancellationToken ct)
    {
        var result = await workQueue.HandleAsync(new ReadWorkQueue.Request(Me.Actor, post, PageSize, (Math.Max(1, page) - 1) * PageSize, CountTotal: true), ct);
        return result is ReadWorkQueue.Result.Read read ? read.Queue : new ReadWorkQueue.Queue(null, 0, []);
    }

    public async Task<IActionResult> OnPostActAsync(Guid caseId, CaseAction action, int version, int p = 1, string? post = null, CancellationToken ct = default)
    {
        if (!CaseActionsFor.IsOneClick(action)) return BadRequest();
        var outcome = await routeAction.HandleAsync(new(caseId, action, version), Me.Actor, ct);
        var number = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Number).SingleOrDefaultAsync(ct) ?? "";
        switch (outcome)
        {
            case Outcome<Case>.Ok:
                SetFlash($"案件 {number}：{ActionLabels.Of(action)}完成。");
                break;
            case Outcome<Case>.Forbidden f:
                SetFlashError($"案件 {number}：无权办理（403）。{f.Reason}");
                break;
            case Outcome<Case>.Conflict c:
                SetFlashError($"案件 {number}：操作与案件当前状态冲突（409）。{c.Reason}");
                break;
            default:
                SetFlashError($"案件 {number}：{ActionLabels.Of(action)}未完成。");
                break;
        }

        return Redirect($"/queue?p={p}" + (Me.Actor.Posts.Any(x => x.PostId == post) ? $"&post={Uri.EscapeDataString(post!)}" : ""));
    }
}
