using Tongban.Workflows.Catalog;

namespace Tongban.Workflows.Residents;

/// <summary>A resident of the special-groups register, with every group a current row records.</summary>
public sealed record RegisteredResident(string IdNumber, IReadOnlySet<SpecialGroup> Groups);

/// <summary>An item with an eligibility hint.</summary>
public sealed record HintedItem(string ItemCode, string ItemName, EligibilityHint Hint);

/// <summary>One line of the proactive list: this resident seems eligible for this item and has no case for it.</summary>
public sealed record ProactiveMatch(string IdNumber, string ItemCode, string ItemName, string Why);

/// <summary>
/// The proactive list (主动服务清单, 和县朝阳社区's "四清"): from the register and the items' hints, who seems eligible
/// for which item and has no open or decided case for it. Pure.
/// </summary>
public static class Eligibility
{
    /// <summary>Full years of age on <paramref name="today"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>Why the resident matches the hint (zh-CN), or null when they do not. A hint with no condition matches nobody.</summary>
    public static string? Matches(EligibilityHint hint, int age, IReadOnlySet<SpecialGroup> groups)
    {
        if (hint.MinAge is null && hint.AnyOfGroups.Count == 0) return null;
        var why = new List<string>();
        if (hint.MinAge is { } min)
        {
            if (age < min) return null;
            why.Add($"{age}周岁（≥{min}）");
        }

        if (hint.AnyOfGroups.Count > 0)
        {
            var hit = hint.AnyOfGroups.Where(groups.Contains).ToList();
            if (hit.Count == 0) return null;
            why.Add("台账：" + string.Join("、", hit.Select(SpecialGroupText.Label)));
        }

        return string.Join("；", why);
    }

    /// <param name="withCase">(ID number, item code) of every case that is open or decided — anything but withdrawn.</param>
    public static IReadOnlyList<ProactiveMatch> Find(IEnumerable<RegisteredResident> residents, IEnumerable<HintedItem> items, IReadOnlySet<(string IdNumber, string ItemCode)> withCase, DateOnly today)
    {
        var hinted = items.ToList();
        var matches = new List<ProactiveMatch>();
        foreach (var resident in residents)
        {
            if (!ChineseIdNumber.TryParse(resident.IdNumber, out var id, out _, today)) continue;
            var age = AgeOn(id!.BirthDate, today);
            foreach (var item in hinted)
            {
                if (withCase.Contains((resident.IdNumber, item.ItemCode))) continue;
                if (Matches(item.Hint, age, resident.Groups) is { } why) matches.Add(new(resident.IdNumber, item.ItemCode, item.ItemName, why));
            }
        }

        return matches;
    }
}
