using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>A message to the staff of a post (or one person) about a case: reminders, supervision, withdrawal, milestones.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>Everyone holding this post sees it…</summary>
    public string? RecipientPostId { get; set; }

    /// <summary>…or just this person (e.g. the first-contact person, a unit head).</summary>
    public string? RecipientStaffId { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<Notification>
    {
        public void Configure(EntityTypeBuilder<Notification> e)
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RecipientPostId, x.CreatedAt });
            e.HasIndex(x => new { x.RecipientStaffId, x.CreatedAt });
            e.Property(x => x.RecipientPostId).HasMaxLength(60);
            e.Property(x => x.RecipientStaffId).HasMaxLength(60);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Text).HasMaxLength(500);
        }
    }
}
