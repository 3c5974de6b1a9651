using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>用章登记台账: one use of a township's approval seal (审批服务专用章), recorded against the case.</summary>
public sealed class SealUse
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Seal { get; set; }
    public required string Document { get; set; }
    public required string UsedBy { get; set; }
    public DateTimeOffset UsedAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<SealUse>
    {
        public void Configure(EntityTypeBuilder<SealUse> e)
        {
            e.ToTable("seal_uses");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => new { x.JurisdictionId, x.UsedAt });
            e.Property(x => x.JurisdictionId).HasMaxLength(40);
            e.Property(x => x.Seal).HasMaxLength(100);
            e.Property(x => x.Document).HasMaxLength(200);
            e.Property(x => x.UsedBy).HasMaxLength(60);
        }
    }
}
