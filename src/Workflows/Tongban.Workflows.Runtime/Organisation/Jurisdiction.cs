namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>A place in the county: the county, its bureau, streets, urban communities, townships and villages.</summary>
public sealed class Jurisdiction
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public JurisdictionKind Kind { get; set; }
    public string? ParentId { get; set; }

    /// <summary>Statistical division code (GB/T 2260 style, extended to township and village level).</summary>
    public required string Code { get; set; }
}

public enum JurisdictionKind
{
    County,
    Bureau,
    Street,
    UrbanCommunity,
    Township,
    Village,

    /// <summary>县直部门 (e.g. 县残联, 县民政局): gives opinions in parallel branches; id "dept-&lt;code&gt;".</summary>
    Department,
}
