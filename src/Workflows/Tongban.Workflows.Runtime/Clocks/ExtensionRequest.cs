using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// 延期: asked by the holder with a reason for the applicant, decided by the unit head. One asked for after expiry
/// still leaves the case on record as overdue.
/// </summary>
public sealed class ExtensionRequest
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int WorkingDays { get; set; }
    public required string Reason { get; set; }
    public required string RequestedBy { get; set; }
    public required string PostId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public bool RequestedAfterExpiry { get; set; }
    public ExtensionStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<ExtensionRequest>
    {
        public void Configure(EntityTypeBuilder<ExtensionRequest> e)
        {
            e.ToTable("extension_requests");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.RequestedBy).HasMaxLength(60);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.DecidedBy).HasMaxLength(60);
            e.Property(x => x.DecisionNote).HasMaxLength(500);
        }
    }
}

public enum ExtensionStatus
{
    Pending,
    Approved,
    Refused,
}
