using Tongban.Workflows.Catalog;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

/// <summary>The proactive list: age from the ID number, groups from the register, residents with a case left out.</summary>
public class EligibilityTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static readonly HintedItem Elderly = new("QS-MZ-001", "高龄津贴", new EligibilityHint { MinAge = 80 });
    private static readonly HintedItem Disability = new("QS-MZ-003", "残疾人补贴", new EligibilityHint { AnyOfGroups = [SpecialGroup.Disabled] });

    /// <summary>An ID number of someone born on <paramref name="birth"/>, with its GB 11643 check digit.</summary>
    public static string IdBornOn(DateOnly birth, string sequence = "001")
    {
        var body = $"110105{birth:yyyyMMdd}{sequence}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    [Theory]
    [InlineData("1946-11-28", 79)] // the 80th birthday is tomorrow
    [InlineData("1946-11-27", 80)]
    [InlineData("1944-02-29", 82)]
    public void Age_is_counted_in_full_years(string birth, int age) =>
        Assert.Equal(age, Eligibility.AgeOn(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Fact]
    public void An_elderly_resident_and_a_disabled_resident_are_found_for_their_items_and_one_with_a_case_is_not()
    {
        var eighty = IdBornOn(new(1946, 11, 27));
        var seventyNine = IdBornOn(new(1946, 11, 28), "002");
        var disabled = IdBornOn(new(1970, 5, 1), "003");
        var withCase = IdBornOn(new(1930, 1, 1), "004");
        RegisteredResident[] residents =
        [
            new(eighty, new HashSet<SpecialGroup> { SpecialGroup.LivingAlone }),
            new(seventyNine, new HashSet<SpecialGroup> { SpecialGroup.Elderly }),
            new(disabled, new HashSet<SpecialGroup> { SpecialGroup.Disabled, SpecialGroup.LowIncome }),
            new(withCase, new HashSet<SpecialGroup> { SpecialGroup.Elderly, SpecialGroup.Disabled }),
        ];
        var cases = new HashSet<(string, string)> { (withCase, "QS-MZ-001") };

        var found = Eligibility.Find(residents, [Elderly, Disability], cases, Today);

        Assert.Equal(
            [(eighty, "QS-MZ-001"), (disabled, "QS-MZ-003"), (withCase, "QS-MZ-003")],
            found.Select(m => (m.IdNumber, m.ItemCode)));
        Assert.Equal("80周岁（≥80）", found[0].Why);
        Assert.Equal("台账：残疾", found[1].Why);
    }

    [Fact]
    public void All_conditions_of_a_hint_must_hold_and_a_hint_without_conditions_matches_nobody()
    {
        var both = new EligibilityHint { MinAge = 60, AnyOfGroups = [SpecialGroup.Disabled, SpecialGroup.SeriouslyIll] };
        Assert.Equal("65周岁（≥60）；台账：重病", Eligibility.Matches(both, 65, new HashSet<SpecialGroup> { SpecialGroup.SeriouslyIll }));
        Assert.Null(Eligibility.Matches(both, 59, new HashSet<SpecialGroup> { SpecialGroup.SeriouslyIll }));
        Assert.Null(Eligibility.Matches(both, 65, new HashSet<SpecialGroup> { SpecialGroup.LivingAlone }));
        Assert.Null(Eligibility.Matches(new EligibilityHint(), 90, new HashSet<SpecialGroup> { SpecialGroup.Elderly }));
    }

    [Fact]
    public void A_register_row_with_an_invalid_id_number_is_skipped_not_guessed()
    {
        var found = Eligibility.Find([new RegisteredResident("110105194611270010", new HashSet<SpecialGroup>())], [Elderly], new HashSet<(string, string)>(), Today);
        Assert.Empty(found);
    }
}
