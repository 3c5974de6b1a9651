using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>
/// One published route version (route_versions): what every process reads, embedded or distributed. The route
/// files in data/routes are the seed (<see cref="PublishedBy"/> = <see cref="FromFiles"/>, kept equal to its file);
/// a version an administrator published is immutable.
/// </summary>
public sealed class RouteVersion
{
    /// <summary>The publisher of a row seeded from data/routes.</summary>
    public const string FromFiles = "data/routes";

    public Guid Id { get; set; }
    public required string RouteId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }

    /// <summary>The route's canonical JSON (<see cref="Tongban.Workflows.Routes.RouteFile.CanonicalJson"/>).</summary>
    public required string CanonicalJson { get; set; }

    /// <summary>SHA-256 of <see cref="CanonicalJson"/>, hex.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The administrator's username, or <see cref="FromFiles"/>.</summary>
    public required string PublishedBy { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<RouteVersion>
    {
        public void Configure(EntityTypeBuilder<RouteVersion> e)
        {
            e.ToTable("route_versions");
            e.HasKey(x => x.Id);
            // One row per route version: two administrators publishing the same next version cannot both win.
            e.HasIndex(x => new { x.RouteId, x.Version }).IsUnique();
            e.Property(x => x.RouteId).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(60);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.PublishedBy).HasMaxLength(80);
        }
    }
}

/// <summary>
/// An administrator pointed a catalogue item at a route version (item_route_choices): the catalogue import keeps
/// that choice instead of the file's <c>route</c>, so a restart does not undo it.
/// </summary>
public sealed class ItemRouteChoice
{
    public required string ItemCode { get; set; }
    public required string Route { get; set; }
    public required string ChosenBy { get; set; }
    public DateTimeOffset ChosenAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<ItemRouteChoice>
    {
        public void Configure(EntityTypeBuilder<ItemRouteChoice> e)
        {
            e.ToTable("item_route_choices");
            e.HasKey(x => x.ItemCode);
            e.Property(x => x.ItemCode).HasMaxLength(40);
            e.Property(x => x.Route).HasMaxLength(50);
            e.Property(x => x.ChosenBy).HasMaxLength(80);
        }
    }
}
