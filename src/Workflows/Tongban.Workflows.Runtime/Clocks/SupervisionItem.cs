using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// 督办: opened by the approval bureau's e-supervision when a period expires, naming the unit, the post and the
/// person holding the case and since when (责任追究). Escalated (通报) when still open five working days later;
/// closed when the work it is about is done.
/// </summary>
public sealed class SupervisionItem
{
    public Guid Id { get; set; }
    public Guid TimerId { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string ItemCode { get; set; }

    /// <summary>"overall" or the stage that expired.</summary>
    public required string Scope { get; set; }
    public required string State { get; set; }
    public required string JurisdictionId { get; set; }
    public required string PostId { get; set; }
    public required string HolderStaffId { get; set; }
    public DateTimeOffset HeldSince { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public SupervisionLevel Level { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Whether an approved extension or a stopped clock applied to the period (for accountability).</summary>
    public bool ExtensionApplied { get; set; }
    public bool ClockWasStopped { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<SupervisionItem>
    {
        public void Configure(EntityTypeBuilder<SupervisionItem> e)
        {
            e.ToTable("supervision_items");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TimerId).IsUnique();
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => new { x.ClosedAt, x.JurisdictionId });
            e.Property(x => x.CaseNumber).HasMaxLength(32);
            e.Property(x => x.ItemCode).HasMaxLength(40);
            e.Property(x => x.Scope).HasMaxLength(30);
            e.Property(x => x.State).HasMaxLength(40);
            e.Property(x => x.JurisdictionId).HasMaxLength(40);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.HolderStaffId).HasMaxLength(60);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        }
    }
}

public enum SupervisionLevel
{
    /// <summary>督办.</summary>
    Supervision,

    /// <summary>通报批评 (local practice): still overdue five working days after supervision opened.</summary>
    Escalated,
}
