using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.WorkQueue;

/// <summary>
/// 待办: the cases waiting at the posts a staff member holds, most urgent first. AB 双岗: at a post held as A, or as
/// B while A is away, every case there; as B while A is present (<see cref="PostAssignment.OnlyEscalated"/>), only
/// the cases escalated to B because A did not sign for them in time — the others are A's work, and B may not act on
/// them. <c>GET /api/work-queue</c> and the page 待办 both ask this.
/// </summary>
public sealed class ReadWorkQueue(TongbanDbContext db)
{
    public const int MaxLimit = 500;
    public const int MaxOffset = 1_000_000;
    public const int MaxPostLength = 60;

    /// <param name="Post">One of the actor's posts, or null for all of them; a post they do not hold means all.</param>
    /// <param name="CountTotal">Count the whole queue (a page's pager); the API, refreshed every few seconds at every desk, does not.</param>
    public sealed record Request(Actor Actor, string? Post = null, int Limit = 100, int Offset = 0, bool CountTotal = false)
    {
        public Dictionary<string, string[]> Validate()
        {
            var errors = new Dictionary<string, string[]>();
            if (Post is { Length: > MaxPostLength }) errors["post"] = [$"不超过 {MaxPostLength} 个字符。"];
            if (Limit is < 1 or > MaxLimit) errors["limit"] = [$"每页 1 至 {MaxLimit} 件。"];
            if (Offset is < 0 or > MaxOffset) errors["offset"] = [$"偏移量应在 0 至 {MaxOffset} 之间。"];
            return errors;
        }

        /// <summary>The post asked for, if the actor holds it.</summary>
        public string? HeldPost => Actor.Posts.Any(p => p.PostId == Post) ? Post : null;
    }

    /// <summary>The cases (their list columns only) in queue order; <paramref name="Total"/> counts the whole queue when asked.</summary>
    public sealed record Queue(string? Post, int? Total, IReadOnlyList<CaseListing> Cases)
    {
        /// <summary>并联办理: open branch tasks at the same posts (e.g. 县残联's opinions), earliest due first, with their cases.</summary>
        public IReadOnlyList<QueuedTask> Tasks { get; init; } = [];
    }

    public sealed record QueuedTask(CaseTask Task, CaseListing Case);

    public abstract record Result
    {
        public sealed record Read(Queue Queue) : Result;

        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Result;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return new Result.Invalid(errors);

        var post = request.HeldPost;
        var posts = request.Actor.Posts.Where(p => post is null || p.PostId == post).ToList();
        var held = posts.Where(p => !p.OnlyEscalated).Select(p => p.PostId).ToList();
        var escalatedOnly = posts.Where(p => p.OnlyEscalated).Select(p => p.PostId).ToList();
        // One condition on the post column, so that PostgreSQL reads it with a plain index scan. With the OR of the two
        // lists it took a bitmap scan of the index twice, and a bitmap scan visits every dead version a case's moves
        // left in the index until vacuum (1.8 ms for a queue of six under load, docs/benchmarks-history.md); an index scan
        // marks them dead on the first visit and skips them after.
        var all = held.Concat(escalatedOnly).ToList();
        var query = escalatedOnly.Count == 0
            ? db.Cases.AsNoTracking().Where(c => c.CurrentPostId != null && held.Contains(c.CurrentPostId))
            : db.Cases.AsNoTracking().Where(c => c.CurrentPostId != null && all.Contains(c.CurrentPostId)
                && (c.EscalatedToBackup || held.Contains(c.CurrentPostId)));
        int? total = request.CountTotal ? await query.CountAsync(ct) : null;

        // The first page (every desk's refresh) is read in one go. A deeper page sorts and pages on the narrow
        // columns first, then reads only the page's cases: sorting wide rows to reach a deep page costs far more
        // than the page itself.
        List<CaseListing> cases;
        if (request.Offset == 0)
        {
            cases = await MostUrgentFirst(query).Take(request.Limit).Select(CaseListing.Columns).ToListAsync(ct);
        }
        else
        {
            var ids = await MostUrgentFirst(query).Skip(request.Offset).Take(request.Limit).Select(c => c.Id).ToListAsync(ct);
            var loaded = ids.Count == 0 ? [] : await db.Cases.Where(c => ids.Contains(c.Id)).Select(CaseListing.Columns).ToDictionaryAsync(c => c.Id, ct);
            cases = [.. ids.Select(id => loaded[id])];
        }

        return new Result.Read(new Queue(post, total, cases) { Tasks = await TasksAsync([.. held, .. escalatedOnly], request.Limit, ct) });
    }

    /// <summary>Branch tasks are not escalated to B: whoever holds the post (A, or B while A is away) sees them.</summary>
    private async Task<List<QueuedTask>> TasksAsync(List<string> posts, int limit, CancellationToken ct)
    {
        var tasks = await db.CaseTasks.AsNoTracking().Where(t => t.PostId != null && posts.Contains(t.PostId) && t.Status == BranchTaskStatus.Open)
            .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit).ToListAsync(ct);
        if (tasks.Count == 0) return [];
        var caseIds = tasks.Select(t => t.CaseId).Distinct().ToList();
        var cases = await db.Cases.Where(c => caseIds.Contains(c.Id)).Select(CaseListing.Columns).ToDictionaryAsync(c => c.Id, ct);
        return [.. tasks.Select(t => new QueuedTask(t, cases[t.CaseId]))];
    }

    /// <summary>
    /// Most urgent first: by the earliest due instant of the case's running clocks (overall or current stage); red
    /// sorts first because its instant is past. Cases without a running clock (stopped for correction, no limit)
    /// follow, longest waiting first.
    /// </summary>
    public static IQueryable<Case> MostUrgentFirst(IQueryable<Case> query) =>
        query.OrderBy(c => c.EarliestDueAt == null).ThenBy(c => c.EarliestDueAt).ThenBy(c => c.UpdatedAt).ThenBy(c => c.Id);
}
