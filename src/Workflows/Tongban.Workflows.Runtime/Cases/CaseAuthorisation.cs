using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>授权委托 for 帮办代办: who applies on the resident's behalf, for what, signed when, through which channel.</summary>
public sealed class CaseAuthorisation
{
    public Guid CaseId { get; set; }

    /// <summary>The agent: a staff login or a grid worker's name.</summary>
    public required string Agent { get; set; }
    public required string Scope { get; set; }
    public DateOnly SignedOn { get; set; }
    public CaseChannel Channel { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<CaseAuthorisation>
    {
        public void Configure(EntityTypeBuilder<CaseAuthorisation> e)
        {
            e.ToTable("case_authorisations");
            e.HasKey(x => x.CaseId);
            e.Property(x => x.Agent).HasMaxLength(100);
            e.Property(x => x.Scope).HasMaxLength(500);
            e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RecordedBy).HasMaxLength(60);
        }
    }
}
