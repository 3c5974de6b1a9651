using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Evaluations;

/// <summary>
/// 差评整改: opened by a 4–5 rating for the unit that handled the case. Contact the resident within 1 working day,
/// rectify within 15 (configurable), record the revisit. Carries nothing about who rated or who recorded the
/// rating: the rater is confidential, and so is the clerk who keyed it in.
/// </summary>
public sealed class RectificationItem
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public int Level { get; set; }
    public required string JurisdictionId { get; set; }
    public required string PostId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset ContactDueAt { get; set; }
    public DateTimeOffset RectifyDueAt { get; set; }
    public DateTimeOffset? ContactedAt { get; set; }
    public string? ContactNote { get; set; }
    public DateTimeOffset? RectifiedAt { get; set; }
    public string? RectificationNote { get; set; }
    public DateTimeOffset? RevisitedAt { get; set; }
    public bool? RevisitSatisfied { get; set; }
    public string? RevisitNote { get; set; }
    public int Version { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<RectificationItem>
    {
        public void Configure(EntityTypeBuilder<RectificationItem> e)
        {
            e.ToTable("rectification_items");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => new { x.JurisdictionId, x.RevisitedAt });
            e.Property(x => x.CaseNumber).HasMaxLength(32);
            e.Property(x => x.JurisdictionId).HasMaxLength(40);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.ContactNote).HasMaxLength(500);
            e.Property(x => x.RectificationNote).HasMaxLength(500);
            e.Property(x => x.RevisitNote).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
        }
    }
}
