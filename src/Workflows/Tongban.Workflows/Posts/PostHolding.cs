using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Posts;

/// <summary>How someone holds a post on a given day.</summary>
public enum HoldingKind
{
    /// <summary>The A holder, present.</summary>
    Primary,

    /// <summary>The B holder, acting for the absent A holder.</summary>
    Backup,

    /// <summary>The cover the unit head named for days when A and B are both away.</summary>
    Cover,

    /// <summary>Both away and nobody named: the unit head answers for the post.</summary>
    UnitHead,
}

/// <summary>Who holds a post on a day, and whose authority they act with (A's, unless A holds it).</summary>
public sealed record Holding(string StaffId, HoldingKind Kind, string? ActingForId);

/// <summary>
/// "Who holds the post now" (AB 双岗): A when present, B when A is absent, the named cover when both are, the
/// unit head when nobody was named. Pure: the absences are passed in.
/// </summary>
public static class PostHolding
{
    public static bool IsAbsent(string staffId, DateOnly day, IEnumerable<Absence> absences) =>
        absences.Any(a => a.StaffId == staffId && a.Covers(day));

    public static Holding Now(PostHolders post, IReadOnlyList<Absence> absences, DateOnly today)
    {
        if (!IsAbsent(post.PrimaryId, today, absences)) return new(post.PrimaryId, HoldingKind.Primary, null);
        if (!IsAbsent(post.BackupId, today, absences)) return new(post.BackupId, HoldingKind.Backup, post.PrimaryId);

        var cover = absences
            .Where(a => (a.StaffId == post.PrimaryId || a.StaffId == post.BackupId) && a.Covers(today) && a.CoverStaffId is not null)
            .Select(a => a.CoverStaffId!)
            .FirstOrDefault(c => !IsAbsent(c, today, absences));
        return cover is not null
            ? new(cover, HoldingKind.Cover, post.PrimaryId)
            : new(post.UnitHeadId, HoldingKind.UnitHead, post.PrimaryId);
    }

    /// <summary>
    /// How <paramref name="staffId"/> may act at the post today, or null. A present holder always may; B while A
    /// is away, and otherwise only on cases escalated to B (<see cref="PostAssignment.OnlyEscalated"/>).
    /// </summary>
    public static PostAssignment? AssignmentFor(string staffId, string postId, string jurisdictionId, Definitions.PostRole role, PostHolders post, IReadOnlyList<Absence> absences, DateOnly today)
    {
        var holding = Now(post, absences, today);
        if (holding.StaffId == staffId)
        {
            return new PostAssignment(postId, jurisdictionId, role, AsBackup: holding.Kind == HoldingKind.Backup) { ActingForId = holding.ActingForId };
        }

        // B while A is present: the post stays B's, but B acts only on work that went to B for A's silence.
        return staffId == post.BackupId && holding.Kind == HoldingKind.Primary && !IsAbsent(staffId, today, absences)
            ? new PostAssignment(postId, jurisdictionId, role, AsBackup: true) { ActingForId = post.PrimaryId, OnlyEscalated = true }
            : null;
    }

    /// <summary>The actor as they may act on one case: posts limited to escalated work count only where this case went to B.</summary>
    public static Actor ForCase(Actor actor, string? escalatedToBackupAtPostId) =>
        actor.Posts.Any(p => p.OnlyEscalated && p.PostId != escalatedToBackupAtPostId)
            ? actor with { Posts = [.. actor.Posts.Where(p => !p.OnlyEscalated || p.PostId == escalatedToBackupAtPostId)] }
            : actor;
}
