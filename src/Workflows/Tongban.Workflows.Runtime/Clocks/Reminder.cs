using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>催办: the holder of a case whose period turned yellow is reminded. One per timer (unique key).</summary>
public sealed class Reminder
{
    public Guid Id { get; set; }
    public Guid TimerId { get; set; }
    public Guid CaseId { get; set; }
    public required string Scope { get; set; }
    public required string PostId { get; set; }
    public required string JurisdictionId { get; set; }
    public required string HolderStaffId { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset DueAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<Reminder>
    {
        public void Configure(EntityTypeBuilder<Reminder> e)
        {
            e.ToTable("reminders");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TimerId).IsUnique();
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.Scope).HasMaxLength(30);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.JurisdictionId).HasMaxLength(40);
            e.Property(x => x.HolderStaffId).HasMaxLength(60);
        }
    }
}
