using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// A grid (网格) of an urban community, with its grid-worker post (<see cref="Definitions.PostRole.GridWorker"/>,
/// A and B holders like every post). Loaded from the county file: a post of role GridWorker names its grid.
/// </summary>
public sealed class Grid
{
    /// <summary>E.g. <c>dongmen-g01</c>.</summary>
    public required string Id { get; set; }

    public required string CommunityId { get; set; }

    /// <summary>E.g. 第一网格.</summary>
    public required string Name { get; set; }

    /// <summary>The grid-worker post of this grid.</summary>
    public required string PostId { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<Grid>
    {
        public void Configure(EntityTypeBuilder<Grid> e)
        {
            e.ToTable("grids");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.CommunityId).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.HasIndex(x => x.CommunityId);
            e.HasIndex(x => x.PostId);
        }
    }
}
