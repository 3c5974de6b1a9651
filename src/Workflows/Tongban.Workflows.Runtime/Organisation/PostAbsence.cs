using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// The absence register (AB 双岗): a holder's leave in county-local days, registered at one of their posts by
/// themselves or the unit head, with the cover the unit head named when A and B are both away.
/// </summary>
public sealed class PostAbsence
{
    public Guid Id { get; set; }
    public required string PostId { get; set; }
    public required string StaffId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string? CoverStaffId { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    public Absence ToAbsence() => new(StaffId, From, To, CoverStaffId);

    internal sealed class Mapping : IEntityTypeConfiguration<PostAbsence>
    {
        public void Configure(EntityTypeBuilder<PostAbsence> e)
        {
            e.ToTable("post_absences");
            e.HasKey(x => x.Id);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.StaffId).HasMaxLength(60);
            e.Property(x => x.CoverStaffId).HasMaxLength(60);
            e.Property(x => x.RegisteredBy).HasMaxLength(60);
            e.HasIndex(x => new { x.StaffId, x.To });
            e.HasIndex(x => new { x.PostId, x.To });
            e.HasIndex(x => new { x.CoverStaffId, x.To });
        }
    }
}
