namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>
/// One immutable version of a catalogue item. Editing the catalogue adds a version; cases point at the
/// version they started with, and <see cref="IsCurrent"/> marks the one new cases get.
/// </summary>
public sealed class ServiceItemVersion
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string PinyinInitials { get; set; }
    public bool IsCurrent { get; set; }
    public required string ContentHash { get; set; }

    /// <summary>The item as the catalogue file gave it (<see cref="Tongban.Workflows.Catalog.ServiceItemSpec"/>), as JSON.</summary>
    public required string Spec { get; set; }

    /// <summary>The workflow definition built for this version, as JSON (definitions are data).</summary>
    public required string DefinitionId { get; set; }
    public required string Definition { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
