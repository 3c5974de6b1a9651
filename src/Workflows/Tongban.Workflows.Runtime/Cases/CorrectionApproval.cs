using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// A unit head's approval of one more return for correction (一次性告知 exception). Used by the return it allows;
/// every approval counts as a breach of the one-complete-notice rule in the bureau's statistics.
/// </summary>
public sealed class CorrectionApproval
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string JurisdictionId { get; set; }
    public required string ApprovedBy { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<CorrectionApproval>
    {
        public void Configure(EntityTypeBuilder<CorrectionApproval> e)
        {
            e.ToTable("correction_approvals");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.JurisdictionId);
            e.Property(x => x.JurisdictionId).HasMaxLength(40);
            e.Property(x => x.ApprovedBy).HasMaxLength(60);
            e.Property(x => x.Reason).HasMaxLength(500);
        }
    }
}
