using Tongban.Workflows.Cases.Steps;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Posts;
using DecisionFacts = Tongban.Workflows.Routes.DecisionFacts;

namespace Tongban.Workflows.Cases;

/// <summary>
/// Decides what a route step does to a case, from plain facts: may it happen (<see cref="CaseRoute"/>), is its input
/// valid, and then its effects. What differs per step kind (clocks, record, notices) comes from
/// <see cref="StepRegistry"/>; what every step does (state, holder, stage clock, timers, journal, messages) is here.
/// Pure: nothing is read or written but the arguments.
/// </summary>
public static class TransitionDecider
{
    public static StepOutcome Decide(
        CaseFacts facts, WorkflowDefinition definition, ServiceItemSpec item, ClockSettings clocks, CaseAction action, Actor actor, ActionInput input, DateTimeOffset now)
    {
        // B acts while A is present only on cases that went to B for A's silence (AB 双岗).
        actor = PostHolding.ForCase(actor, facts.EscalatedToBackup ? facts.CurrentPostId : null);
        var from = facts.State == CaseStates.None ? null : definition.State(facts.State);
        var when = action == CaseAction.Choose && from?.Automatic is { On: { } on } decision ? DecisionFacts.ValueOf(on, decision.Flag, facts, item) ?? DecisionFacts.Otherwise : null;
        var decided = CaseRoute.Decide(definition, facts.State, facts.Location, action, actor, when);
        if (decided is TransitionDecision.Refused refused) return StepOutcome.Refuse(refused.Kind, refused.Reason);
        var (transition, post) = (TransitionDecision.Allowed)decided;

        var errors = input.Validate(item);
        if (errors.Count > 0) return new StepOutcome.Invalid(errors);

        var change = StepRegistry.Apply(action, new StepContext(facts, item, clocks, input, now));
        var target = definition.State(transition.To);
        var clock = change.Clock.FollowStage(Stages.Of(definition, target), target.StageLimitDays, item, clocks.Calendar, clocks.Thresholds, now);
        // A timer node (公示) waits its working days on the county calendar; leaving it ends the wait.
        var record = change.Record with
        {
            WaitUntil = target.Automatic is { Kind: Routes.NodeKinds.Timer, WorkingDays: { } days } ? clocks.Calendar.AddWorkingDays(now, days).DueAt : null,
        };
        var holder = HolderOf(facts, target.HeldBy);
        return new StepOutcome.Decided(new TransitionEffects
        {
            Action = action,
            FromState = facts.State,
            ToState = transition.To,
            AtPost = post,
            HolderPostId = holder,
            EscalatedToBackup = facts.EscalatedToBackup && holder == facts.CurrentPostId,
            ClosedAt = target.IsFinal ? now : null,
            Clock = clock,
            Record = record,
            Timers = DeadlineTimers.For(clock, record),
            Detail = JournalDetails.Of(input),
            AuditDetail = $"{facts.State} -> {transition.To} at {post.PostId}{(post.AsBackup ? " as B" : "")}{(post.ActingForId is { } forId ? $" for {forId}" : "")}",
            HandOff = transition.HandOffTo is { } to ? new HandOff(to, facts.Location.JurisdictionFor(to)) : null,
            OpensTasks = action == CaseAction.Fork ? [.. from!.Automatic!.Branches.Select(definition.BranchTask)] : [],
            Notices = change.Notices,
            ClosesSupervision = clock.Stage != facts.Clock.Stage || clock.CompletedAt is not null ? new SupervisionClosing(clock.CompletedAt is not null, facts.Clock.Stage) : null,
            BadReviewLevel = change.BadReviewLevel,
            At = now,
        });
    }

    /// <summary>
    /// What the engine does by itself at the case's state, if anything: a fork opens its branches, a decision
    /// chooses, a join goes on once no task of its fork is open. A timer waits for its timer; other states for people.
    /// </summary>
    public static CaseAction? AutomaticStep(WorkflowDefinition definition, string state, IReadOnlyCollection<string> forksWithOpenTasks) =>
        state == CaseStates.None ? null : definition.State(state).Automatic switch
        {
            { Kind: Routes.NodeKinds.Fork } => CaseAction.Fork,
            { Kind: Routes.NodeKinds.Decision } => CaseAction.Choose,
            { Kind: Routes.NodeKinds.Join, Fork: { } fork } when !forksWithOpenTasks.Contains(fork) => CaseAction.Join,
            _ => null,
        };

    /// <summary>True at a join: <see cref="AutomaticStep"/> needs the forks with open tasks only there.</summary>
    public static bool WaitsOnTasks(WorkflowDefinition definition, string state) =>
        state != CaseStates.None && definition.State(state).Automatic is { Kind: Routes.NodeKinds.Join };

    /// <summary>The post of <paramref name="role"/> on the case's side that holds it; null in transit or closed.</summary>
    private static string? HolderOf(CaseFacts facts, PostRole? role) =>
        role is { } r ? facts.Posts.FirstOrDefault(p => p.Role == r && p.JurisdictionId == facts.Location.JurisdictionFor(r))?.Id : null;
}
