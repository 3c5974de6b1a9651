using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>A post (岗位) of a jurisdiction, with its A holder, B holder (AB 双岗) and the unit head.</summary>
public sealed class Post
{
    public required string Id { get; set; }
    public required string JurisdictionId { get; set; }
    public PostRole Role { get; set; }
    public required string Name { get; set; }
    public required string PrimaryHolderId { get; set; }
    public required string BackupHolderId { get; set; }
    public required string UnitHeadId { get; set; }
}
