namespace Tongban.Workflows.Posts;

/// <summary>
/// A registered absence (leave) of a staff member, in county-local days, both ends included. The cover, named by
/// the unit head, acts at the post while both its A and B holders are away.
/// </summary>
public sealed record Absence(string StaffId, DateOnly From, DateOnly To, string? CoverStaffId = null)
{
    public bool Covers(DateOnly day) => From <= day && day <= To;

    public bool Overlaps(DateOnly from, DateOnly to) => From <= to && from <= To;
}

/// <summary>Who holds a post on paper (AB 双岗) and who heads its unit.</summary>
public sealed record PostHolders(string PrimaryId, string BackupId, string UnitHeadId);
