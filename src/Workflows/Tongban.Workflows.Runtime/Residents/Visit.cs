using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// A booked door-to-door visit (预约上门) for a resident of a special group: booked by the resident or a family
/// member on the public page, or by staff on the phone; ends in an intake with channel DoorToDoor (the case it
/// opened is <see cref="CaseId"/>) or is cancelled. Holds the resident's name, phone and address (personal data:
/// masked in lists, never logged).
/// </summary>
public sealed class Visit
{
    public Guid Id { get; init; }

    public required string CommunityId { get; init; }

    /// <summary>The resident's grid (网格), when known: a grid code of the community.</summary>
    public string? GridCode { get; set; }

    public DateOnly Day { get; init; }

    public required string ResidentName { get; init; }

    public required string Phone { get; init; }

    public required string Address { get; init; }

    /// <summary>What the visit is for, in the booker's words.</summary>
    public required string Reason { get; init; }

    /// <summary>The catalogue item, when the booker chose one.</summary>
    public string? ItemCode { get; init; }

    /// <summary>"public" for the resident's page or API, else the staff login who booked it on the phone.</summary>
    public required string BookedBy { get; init; }

    /// <summary>Keyed hash of the public booker's client address (the per-address limit counts by it); null for staff.</summary>
    public string? AddressHash { get; init; }

    /// <summary>When the booker agreed to the processing of the personal data (the consent checkbox, or told on the phone).</summary>
    public DateTimeOffset ConsentAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public VisitStatus Status { get; set; }

    /// <summary>The staff member going (or who went), once assigned.</summary>
    public string? VisitorStaffId { get; set; }

    /// <summary>The case the visit's intake opened.</summary>
    public Guid? CaseId { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int Version { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<Visit>
    {
        public void Configure(EntityTypeBuilder<Visit> e)
        {
            e.ToTable("visits");
            e.HasKey(x => x.Id);
            e.Property(x => x.CommunityId).HasMaxLength(40);
            e.Property(x => x.GridCode).HasMaxLength(40);
            e.Property(x => x.ResidentName).HasMaxLength(50);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.ItemCode).HasMaxLength(40);
            e.Property(x => x.BookedBy).HasMaxLength(60);
            e.Property(x => x.AddressHash).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.VisitorStaffId).HasMaxLength(60);
            e.Property(x => x.Version).IsConcurrencyToken();
            // A community's round for a day; the public per-address limit; the visit of a case.
            e.HasIndex(x => new { x.CommunityId, x.Day });
            e.HasIndex(x => new { x.AddressHash, x.CreatedAt });
            e.HasIndex(x => x.CaseId);
        }
    }
}

public enum VisitStatus
{
    Booked,

    /// <summary>Visited: the intake opened its case.</summary>
    Done,

    Cancelled,
}
