using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Catalog;

/// <summary>
/// Who seems eligible for an item (主动服务清单): a hint for staff to go and ask, not a decision — the township
/// decides on the merits. All conditions given must hold: at least <see cref="MinAge"/> years old (from the ID
/// number's birth date), in one of <see cref="AnyOfGroups"/> of the special-groups register.
/// </summary>
public sealed record EligibilityHint
{
    public int? MinAge { get; init; }

    public IReadOnlyList<SpecialGroup> AnyOfGroups { get; init; } = [];

    /// <summary>What staff should check on the visit (shown on the list).</summary>
    public string Note { get; init; } = "";
}
