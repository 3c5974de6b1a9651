using Tongban.Workflows.Clocks;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Posts;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.Cases;

/// <summary>Which time-limit operations a person may take on a case now, as the engine will judge them (no rules of its own).</summary>
public static class ClockOperationsFor
{
    /// <summary>Holds the case's current post now (AB rules): stops and resumes the clock, asks for an extension.</summary>
    public static bool HoldsCase(Actor actor, Case c) =>
        c.CurrentPostId is { } post && PostHolding.ForCase(actor, c.EscalatedToBackup ? post : null).Posts.Any(p => p.PostId == post);

    /// <summary>A window clerk of the intake community: hands in the promised 容缺 materials.</summary>
    public static bool AtIntakeWindow(Actor actor, Case c) =>
        actor.Posts.Any(p => p.Role == PostRole.WindowClerk && p.JurisdictionId == c.IntakeCommunityId && !p.OnlyEscalated);

    /// <summary>Stopped for a special procedure, so the holder resumes it (after 补正 the resubmission does).</summary>
    public static bool StoppedForSpecialProcedure(Case c) => c.ClockStoppedAt is not null && c.ClockStop is { } stop && stop != ClockStop.Correction;
}
