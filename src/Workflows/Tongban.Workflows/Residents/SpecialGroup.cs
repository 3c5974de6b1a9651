namespace Tongban.Workflows.Residents;

/// <summary>特殊群体: the groups a community's register (特殊群体台账) records residents in.</summary>
public enum SpecialGroup
{
    /// <summary>高龄 (the county's age threshold is the items' business; the register records the fact).</summary>
    Elderly,

    /// <summary>残疾, with the grade of the disability certificate (1–4).</summary>
    Disabled,

    /// <summary>重病.</summary>
    SeriouslyIll,

    /// <summary>独居.</summary>
    LivingAlone,

    /// <summary>烈属 (family of a martyr).</summary>
    MartyrFamily,

    /// <summary>低保 (minimum living allowance).</summary>
    LowIncome,

    /// <summary>其他 (described in the row's note).</summary>
    Other,
}

public static class SpecialGroupText
{
    public const int MinDisabilityGrade = 1;
    public const int MaxDisabilityGrade = 4;

    public static string Label(SpecialGroup group) => group switch
    {
        SpecialGroup.Elderly => "高龄",
        SpecialGroup.Disabled => "残疾",
        SpecialGroup.SeriouslyIll => "重病",
        SpecialGroup.LivingAlone => "独居",
        SpecialGroup.MartyrFamily => "烈属",
        SpecialGroup.LowIncome => "低保",
        _ => "其他",
    };

    /// <summary>Accepts the member name (Disabled) or the Chinese label (残疾).</summary>
    public static bool TryParse(string? text, out SpecialGroup group)
    {
        group = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        foreach (var g in Enum.GetValues<SpecialGroup>())
        {
            if (string.Equals(t, g.ToString(), StringComparison.Ordinal) || t == Label(g))
            {
                group = g;
                return true;
            }
        }

        return false;
    }
}
