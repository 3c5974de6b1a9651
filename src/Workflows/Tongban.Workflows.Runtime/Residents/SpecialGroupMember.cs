using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// One row of a community's special-groups register (特殊群体台账): a resident in one group, per grid. Sensitive
/// personal information (PIPL §28: ID number, health and disability data): only the community's staff and unit
/// head see it, masked in lists; a full view needs a reason and is audited. Kept only while the purpose lasts:
/// after <see cref="Until"/> the row is hidden and deleted (on read and by the sweep).
/// </summary>
public sealed class SpecialGroupMember
{
    public Guid Id { get; init; }

    public required string CommunityId { get; init; }

    public string? GridCode { get; set; }

    public required string Name { get; set; }

    public required string IdNumber { get; set; }

    public string? Phone { get; set; }

    public SpecialGroup Group { get; set; }

    /// <summary>残疾: the certificate's grade (1–4); null for the other groups.</summary>
    public int? DisabilityGrade { get; set; }

    public DateOnly Since { get; set; }

    /// <summary>The last day the purpose lasts (e.g. the certificate's expiry, or the next review).</summary>
    public DateOnly Until { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? Note { get; set; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    internal sealed class Mapping : IEntityTypeConfiguration<SpecialGroupMember>
    {
        public void Configure(EntityTypeBuilder<SpecialGroupMember> e)
        {
            e.ToTable("special_group_members");
            e.HasKey(x => x.Id);
            e.Property(x => x.CommunityId).HasMaxLength(40);
            e.Property(x => x.GridCode).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.IdNumber).HasMaxLength(18);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Group).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactPhone).HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(60);
            // A community's register by grid; the purge of rows past their purpose.
            e.HasIndex(x => new { x.CommunityId, x.GridCode });
            e.HasIndex(x => x.Until);
        }
    }
}
