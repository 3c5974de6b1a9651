using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.UseCases.Bureau;

/// <summary>Which cases a bureau question covers when no colour is asked for.</summary>
public enum BureauScope
{
    /// <summary>Open cases at risk or overdue: the bureau's default question.</summary>
    NeedsAttention,
    Open,
    Completed,
    All,
}

/// <summary>
/// The bureau's one definition of "which cases": colour, jurisdiction (in both meanings), item, stage, holder and
/// the range the case was taken in. The API, the list page, the exports and the dashboard all filter through it.
/// </summary>
/// <param name="HeldBy">
/// A jurisdiction: the cases held now by one of its posts. The default meaning of "in 河西" (the API's
/// <c>jurisdiction</c>): the unit holding a case is the one that must act, and the one a supervision item names.
/// </param>
/// <param name="ResidentOf">
/// A jurisdiction: the cases of its residents — registered in it (a township) or taken in at it (a community),
/// wherever they are held now.
/// </param>
/// <param name="Holder">A staff member: the cases at the posts they hold (A or B).</param>
public sealed record BureauCaseFilter(
    string? HeldBy = null,
    string? ResidentOf = null,
    string? Item = null,
    string? Stage = null,
    string? Holder = null,
    Colour? Colour = null,
    BureauScope Scope = BureauScope.NeedsAttention,
    DateTimeOffset? OpenedFrom = null,
    DateTimeOffset? OpenedTo = null)
{
    /// <summary>Ids of jurisdictions, items, stages and staff are short; anything longer is not one.</summary>
    public const int MaxKeyLength = 60;

    /// <summary>Field errors, keyed by the field as the API names it; empty when the filter can be asked.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Key(string field, string? value)
        {
            if (value is { Length: > MaxKeyLength }) errors[field] = [$"不超过 {MaxKeyLength} 个字符。"];
        }

        Key("jurisdiction", HeldBy);
        Key("residentOf", ResidentOf);
        Key("item", Item);
        Key("stage", Stage);
        Key("holder", Holder);
        if (Colour is { } c && !Enum.IsDefined(c)) errors["colour"] = ["颜色应为 Green、Yellow 或 Red。"];
        if (!Enum.IsDefined(Scope)) errors["state"] = ["状态无效。"];
        if (OpenedFrom is { } from && OpenedTo is { } to && to < from) errors["to"] = ["结束日期不能早于开始日期。"];
        return errors;
    }

    /// <summary>
    /// Whether the running counts (per post and item, yellow and red only) can answer this filter's counts:
    /// held-by, holder and item select posts and items; a resident, a stage or a date range needs the cases.
    /// </summary>
    public bool CountableFromRunningCounts =>
        ResidentOf is null && Stage is null && OpenedFrom is null && OpenedTo is null
        && (Colour is null or Workflows.Clocks.Colour.Yellow or Workflows.Clocks.Colour.Red);

    /// <summary>The posts this filter keeps, or null for every post (and cases in transit).</summary>
    public HashSet<string>? Posts(IReadOnlyCollection<Post> posts)
    {
        if (HeldBy is null && Holder is null) return null;
        return posts.Where(p => (HeldBy is null || p.JurisdictionId == HeldBy) && (Holder is null || p.PrimaryHolderId == Holder || p.BackupHolderId == Holder))
            .Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The cases matching every field. Colours compare stored instants with now: index-friendly ranges.
    /// With <paramref name="withBranchTask"/> (<see cref="CasesWithBranchTaskAsync"/>: 并联办理), a filter by unit or
    /// holder also keeps the cases with a branch task at those posts (an assisting unit's opinion) in the colour or
    /// scope asked, by the task's own clock: a case in two branches is in both units' lists. Without it (the running
    /// counts' questions, the trend), only the post holding the case counts.
    /// </summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases, DateTimeOffset now, IReadOnlyCollection<Post> posts, IReadOnlyCollection<Guid>? withBranchTask = null)
    {
        if (ResidentOf is { } resident) cases = cases.Where(c => c.RegistrationTownshipId == resident || c.IntakeCommunityId == resident);
        if (Item is { } item) cases = cases.Where(c => c.ItemCode == item);
        if (Stage is { } stage) cases = cases.Where(c => c.Stage == stage);
        if (OpenedFrom is { } from) cases = cases.Where(c => c.OpenedAt >= from);
        if (OpenedTo is { } to) cases = cases.Where(c => c.OpenedAt < to);

        Expression<Func<Case, bool>> wanted = Colour is { } colour ? BureauColours.Is(colour, now) : Scope switch
        {
            // A case not yet taken in (its intake still being written) is no one's case yet.
            BureauScope.Open => c => c.CompletedAt == null && c.State != CaseStates.None,
            BureauScope.Completed => c => c.CompletedAt != null,
            BureauScope.All => c => c.State != CaseStates.None,
            _ => BureauColours.NeedsAttention(now),
        };
        if (Posts(posts) is not { } kept) return cases.Where(wanted);

        var ids = kept.ToList();
        Expression<Func<Case, bool>> held = c => c.CurrentPostId != null && ids.Contains(c.CurrentPostId);
        var byHolding = Predicates.And(held, wanted);
        // No task there (a township, usually): the same query as without tasks, so the holder's index serves it.
        if (withBranchTask is not { Count: > 0 } || Stage is not null) return cases.Where(byHolding);

        var taskCases = withBranchTask.ToList();
        Expression<Func<Case, bool>> byTask = Colour is null && Scope == BureauScope.Completed ? c => c.CompletedAt != null && taskCases.Contains(c.Id)
            : Colour is null && Scope == BureauScope.All ? c => c.State != CaseStates.None && taskCases.Contains(c.Id)
            : c => c.CompletedAt == null && taskCases.Contains(c.Id);
        return cases.Where(Predicates.Or(byHolding, byTask));
    }

    /// <summary>
    /// The cases with a branch task at this filter's unit or holder's posts in the colour or scope asked (by the
    /// task's clock), for <see cref="Apply"/>; null when the filter selects no posts, or a stage (a branch task has none).
    /// </summary>
    public async Task<List<Guid>?> CasesWithBranchTaskAsync(IQueryable<CaseTask> tasks, DateTimeOffset now, IReadOnlyCollection<Post> posts, CancellationToken ct)
    {
        if (Posts(posts) is not { } kept || Stage is not null) return null;
        return await BranchTasksAt(tasks, kept).Where(BranchTaskColours.Wanted(Colour, Scope, now)).Select(t => t.CaseId).Distinct().ToListAsync(ct);
    }

    /// <summary>The branch tasks at this filter's unit (<see cref="HeldBy"/>, also while on their way) and holder's posts.</summary>
    public IQueryable<CaseTask> BranchTasksAt(IQueryable<CaseTask> tasks, IReadOnlyCollection<string> keptPosts)
    {
        if (HeldBy is { } unit) tasks = tasks.Where(t => t.JurisdictionId == unit);
        if (Holder is not null)
        {
            var ids = keptPosts.ToList();
            tasks = tasks.Where(t => t.PostId != null && ids.Contains(t.PostId));
        }

        return tasks;
    }

    /// <summary>For the audit record: the filter in words (ids and dates only, no personal data).</summary>
    public string Describe() =>
        $"jurisdiction={HeldBy ?? "*"}; residentOf={ResidentOf ?? "*"}; item={Item ?? "*"}; stage={Stage ?? "*"}; holder={Holder ?? "*"}; "
        + $"colour={Colour?.ToString() ?? "*"}; scope={Scope}; from={OpenedFrom?.ToString("O") ?? "*"}; to={OpenedTo?.ToString("O") ?? "*"}";
}

/// <summary>
/// A case's colour for the bureau: the earliest of its running clocks (the current stage's and the overall one)
/// decides. A case whose stage has expired is overdue even while the overall period still runs: the stage's limit
/// is a promise of its own (签收 within one working day), its expiry opens a supervision item against the holder,
/// and the running counts and the band sweep count exactly this; a rule on the overall clock alone would show the
/// bureau green cases it is already supervising. <see cref="AttentionBands.At"/> is the same rule for one case.
/// </summary>
public static class BureauColours
{
    /// <summary>Red: the earliest due instant has passed.</summary>
    public static Expression<Func<Case, bool>> Red(DateTimeOffset now) => c => c.EarliestDueAt < now;

    /// <summary>Yellow: attention is due (the earliest yellow instant has come) and nothing has expired yet.</summary>
    public static Expression<Func<Case, bool>> Yellow(DateTimeOffset now) => c => c.AttentionAt <= now && c.EarliestDueAt >= now;

    /// <summary>Green: open and not yet needing attention (also a stopped or absent clock).</summary>
    public static Expression<Func<Case, bool>> Green(DateTimeOffset now) => c => c.CompletedAt == null && !(c.AttentionAt <= now);

    /// <summary>Yellow or red. AttentionAt is null once a case is decided, so this selects open cases only.</summary>
    public static Expression<Func<Case, bool>> NeedsAttention(DateTimeOffset now) => c => c.AttentionAt <= now;

    public static Expression<Func<Case, bool>> Is(Colour colour, DateTimeOffset now) => colour switch
    {
        Workflows.Clocks.Colour.Red => Red(now),
        Workflows.Clocks.Colour.Yellow => Yellow(now),
        _ => Green(now),
    };

    /// <summary>One listed case's colour by the same rule; null once it is completed.</summary>
    public static Colour? Of(CaseListing c, DateTimeOffset now) => c.CompletedAt is not null ? null : AttentionBands.At(c.AttentionAt, c.EarliestDueAt, now) switch
    {
        AttentionBand.Red => Workflows.Clocks.Colour.Red,
        AttentionBand.Yellow => Workflows.Clocks.Colour.Yellow,
        _ => Workflows.Clocks.Colour.Green,
    };
}

/// <summary>
/// A branch task's colour for the bureau, from its own stage clock (出具意见时限): red once due, yellow from its
/// yellow instant, green otherwise; only open tasks have one (a task on its way has no clock yet: green).
/// </summary>
public static class BranchTaskColours
{
    public static Expression<Func<CaseTask, bool>> Red(DateTimeOffset now) => t => t.Status == BranchTaskStatus.Open && t.DueAt < now;

    public static Expression<Func<CaseTask, bool>> Yellow(DateTimeOffset now) => t => t.Status == BranchTaskStatus.Open && t.YellowAt <= now && t.DueAt >= now;

    public static Expression<Func<CaseTask, bool>> Green(DateTimeOffset now) => t => (t.Status == BranchTaskStatus.Open || t.Status == BranchTaskStatus.InTransit) && !(t.YellowAt <= now);

    public static Expression<Func<CaseTask, bool>> NeedsAttention(DateTimeOffset now) => t => t.Status == BranchTaskStatus.Open && t.YellowAt <= now;

    public static Expression<Func<CaseTask, bool>> Open() => t => t.Status == BranchTaskStatus.Open || t.Status == BranchTaskStatus.InTransit;

    /// <summary>The tasks a colour or scope asks for (completed and all: every task of the unit, whatever its status).</summary>
    public static Expression<Func<CaseTask, bool>> Wanted(Colour? colour, BureauScope scope, DateTimeOffset now) => colour switch
    {
        Workflows.Clocks.Colour.Red => Red(now),
        Workflows.Clocks.Colour.Yellow => Yellow(now),
        Workflows.Clocks.Colour.Green => Green(now),
        _ => scope switch
        {
            BureauScope.Open => Open(),
            BureauScope.Completed or BureauScope.All => t => true,
            _ => NeedsAttention(now),
        },
    };

    /// <summary>One loaded task's colour by the same rule; null once it is done or cancelled.</summary>
    public static Colour? Of(BranchTaskStatus status, DateTimeOffset? dueAt, DateTimeOffset? yellowAt, DateTimeOffset now) => status switch
    {
        BranchTaskStatus.Open when dueAt < now => Workflows.Clocks.Colour.Red,
        BranchTaskStatus.Open when yellowAt <= now => Workflows.Clocks.Colour.Yellow,
        BranchTaskStatus.Open or BranchTaskStatus.InTransit => Workflows.Clocks.Colour.Green,
        _ => null,
    };
}

/// <summary>Two predicates on one parameter joined into one, for a provider to translate.</summary>
internal static class Predicates
{
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) => Join(a, b, Expression.AndAlso);

    public static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) => Join(a, b, Expression.OrElse);

    private static Expression<Func<T, bool>> Join<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b, Func<Expression, Expression, BinaryExpression> join)
    {
        var p = a.Parameters[0];
        return Expression.Lambda<Func<T, bool>>(join(a.Body, new Rebind(b.Parameters[0], p).Visit(b.Body)), p);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
