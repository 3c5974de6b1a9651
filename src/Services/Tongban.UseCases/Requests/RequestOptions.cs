using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Requests;

namespace Tongban.UseCases.Requests;

/// <summary>Configuration <c>Requests:*</c>: the online request's call-back limit, office hours and abuse limit.</summary>
public sealed class RequestOptions
{
    /// <summary>
    /// Call back within this many office hours. Unset (the default): by the office's closing time of the same
    /// working day, or of the next working day for a request made after closing or on a day off.
    /// </summary>
    public double? CallBackWorkingHours { get; set; }

    /// <summary>The community office's opening time on working days (county-local).</summary>
    public TimeOnly OfficeOpens { get; set; } = OfficeHours.Default.Opens;

    /// <summary>…and its closing time: a call-back is due by then.</summary>
    public TimeOnly OfficeCloses { get; set; } = OfficeHours.Default.Closes;

    /// <summary>Requests one client address may make per hour; beyond, 429 "try later".</summary>
    public int PerAddressPerHour { get; set; } = 5;

    public OfficeHours Hours => new(OfficeOpens, OfficeCloses);
}

/// <summary>Who may work a community's online requests, and a grid's collections.</summary>
public static class RequestAccess
{
    /// <summary>The communities whose requests the staff member calls back: those where they hold a window or specialist post.</summary>
    public static List<string> CommunitiesOf(Actor actor) =>
        [.. actor.Posts.Where(p => p.Role is PostRole.WindowClerk or PostRole.Specialist).Select(p => p.JurisdictionId).Distinct()];

    /// <summary>Grid-worker posts the staff member holds in any way (B while A is present included: they see the post's tasks).</summary>
    public static List<string> GridPostsOf(Actor actor) =>
        [.. actor.Posts.Where(p => p.Role == PostRole.GridWorker).Select(p => p.PostId).Distinct()];

    /// <summary>May act on a collection: the staff member it was given to, or whoever holds its post now (not only for escalated work).</summary>
    public static bool MayCollect(Actor actor, string postId, string assignedStaffId) =>
        actor.Id == assignedStaffId || actor.Posts.Any(p => p.PostId == postId && p.Role == PostRole.GridWorker && !p.OnlyEscalated);

    public static string MaskPhone(string phone) => Tongban.Workflows.Residents.Mask.KeepEnds(phone, 3, 4);

    /// <summary>An address in a list: its first characters (the street, usually), the rest hidden.</summary>
    public static string MaskAddress(string? address) =>
        address is null ? "" : Tongban.Workflows.Residents.Mask.KeepEnds(address, Math.Min(6, address.Length / 2), 0);
}
