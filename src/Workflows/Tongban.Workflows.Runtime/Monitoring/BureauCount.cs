using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Monitoring;

/// <summary>
/// A running count for the bureau's county-wide view: how many cases at <see cref="PostId"/>, of
/// <see cref="ItemCode"/>, are counted in <see cref="Band"/>. Always equal to grouping the cases by
/// (CurrentPostId, ItemCode, CountedBand): <see cref="BureauCounts"/> keeps it so in the transaction that changes
/// any of the three. A few hundred rows however many cases there are.
/// </summary>
public sealed class BureauCount
{
    /// <summary>The case's current post; <see cref="BureauCounts.InTransit"/> (empty) while it travels between jurisdictions.</summary>
    public required string PostId { get; set; }

    public required string ItemCode { get; set; }

    public AttentionBand Band { get; set; }

    public int Cases { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<BureauCount>
    {
        public void Configure(EntityTypeBuilder<BureauCount> e)
        {
            e.ToTable("bureau_counts");
            e.HasKey(x => new { x.PostId, x.ItemCode, x.Band });
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.ItemCode).HasMaxLength(40);
        }
    }
}
