using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Persistence;

/// <summary>
/// The change tracking of the JSON list columns (materials handed in, missing, deferred; staff roles): element by
/// element, with a snapshot that is a copy, so a save writes a list exactly when it changed, in place or replaced.
/// </summary>
public sealed class JsonListColumnTests
{
    private static readonly Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<MissingMaterial>> Comparer = JsonColumn.ListComparer<MissingMaterial>();

    [Fact]
    public void Lists_with_equal_elements_are_equal_and_hash_alike()
    {
        List<MissingMaterial> first = [new("M1", "复印件模糊"), new("M2", "缺原件")];
        List<MissingMaterial> second = [new("M1", "复印件模糊"), new("M2", "缺原件")];

        Assert.True(Comparer.Equals(first, second));
        Assert.Equal(Comparer.GetHashCode(first), Comparer.GetHashCode(second));
    }

    [Fact]
    public void A_changed_element_an_added_one_or_another_order_is_a_change()
    {
        List<MissingMaterial> list = [new("M1", "复印件模糊"), new("M2", "缺原件")];

        Assert.False(Comparer.Equals(list, [new("M1", "已过期"), new("M2", "缺原件")]));
        Assert.False(Comparer.Equals(list, [.. list, new("M3", "缺签字")]));
        Assert.False(Comparer.Equals(list, [list[1], list[0]]));
    }

    [Fact]
    public void The_snapshot_is_a_copy_so_a_change_in_place_is_seen()
    {
        List<MissingMaterial> list = [new("M1", "复印件模糊")];
        var snapshot = Comparer.Snapshot(list);

        list.Add(new("M2", "缺原件"));

        Assert.NotSame(list, snapshot);
        Assert.False(Comparer.Equals(list, snapshot));
    }
}
