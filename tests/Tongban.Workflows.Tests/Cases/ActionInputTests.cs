using Tongban.Workflows.Cases;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Tests.Cases;

/// <summary>What staff actions carry, checked against the item's material list; errors name the offending field.</summary>
public class ActionInputTests
{
    private static readonly ServiceItemSpec Item = new()
    {
        Code = "T-1",
        Name = "高龄津贴",
        Department = "县民政局",
        ItemType = ItemType.Promised,
        TimeLimitWorkingDays = 15,
        Modes = [CaseMode.ProxyIntake],
        Route = "cross-jurisdiction@1",
        Materials =
        [
            new MaterialSpec("ID", "居民身份证"),
            new MaterialSpec("HUKOU", "户口簿"),
            new MaterialSpec("PHOTO", "照片", Essential: false),
        ],
    };

    private static void AssertOnlyError(IReadOnlyDictionary<string, string[]> errors, string field)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Key);
        Assert.NotEmpty(error.Value);
        Assert.All(error.Value, message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Fact]
    public void Return_for_correction_must_list_at_least_one_material()
    {
        AssertOnlyError(new ActionInput.ReturnForCorrection([]).Validate(Item), "missing");
    }

    [Fact]
    public void Return_for_correction_names_an_unknown_material_code_by_its_index()
    {
        var input = new ActionInput.ReturnForCorrection([new MissingMaterial("ID", "已过期"), new MissingMaterial("PASSPORT", "缺少")]);

        var errors = input.Validate(Item);

        AssertOnlyError(errors, "missing[1].code");
        Assert.Contains("PASSPORT", errors["missing[1].code"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Return_for_correction_needs_the_problem_of_each_material(string problem)
    {
        var input = new ActionInput.ReturnForCorrection([new MissingMaterial("HUKOU", "复印件不清晰"), new MissingMaterial("ID", problem)]);

        AssertOnlyError(input.Validate(Item), "missing[1].problem");
    }

    [Fact]
    public void Return_for_correction_lists_each_material_once()
    {
        var input = new ActionInput.ReturnForCorrection([new MissingMaterial("ID", "缺少"), new MissingMaterial("ID", "已过期")]);

        AssertOnlyError(input.Validate(Item), "missing");
    }

    [Fact]
    public void Return_for_correction_reports_every_problem_at_once()
    {
        var input = new ActionInput.ReturnForCorrection([new MissingMaterial("NOPE", ""), new MissingMaterial("ID", "缺少"), new MissingMaterial("ID", "")]);

        var errors = input.Validate(Item);

        Assert.Equal(
            ["missing", "missing[0].code", "missing[0].problem", "missing[2].problem"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_complete_correction_notice_is_valid()
    {
        var input = new ActionInput.ReturnForCorrection([new MissingMaterial("ID", "已过期"), new MissingMaterial("PHOTO", "缺少")]);

        Assert.Empty(input.Validate(Item));
    }

    [Fact]
    public void Resubmit_names_an_unknown_material_by_its_index()
    {
        var errors = new ActionInput.Resubmit(["ID", "HUKOU", "PASSPORT"]).Validate(Item);

        AssertOnlyError(errors, "materials[2]");
        Assert.Contains("PASSPORT", errors["materials[2]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Resubmit_needs_at_least_one_material()
    {
        AssertOnlyError(new ActionInput.Resubmit([]).Validate(Item), "materials");
    }

    [Fact]
    public void Resubmit_with_known_materials_is_valid()
    {
        Assert.Empty(new ActionInput.Resubmit(["ID", "PHOTO"]).Validate(Item));
    }

    [Theory]
    [InlineData(true, "")]
    [InlineData(true, "  ")]
    [InlineData(false, "")]
    [InlineData(false, "\t")]
    public void Decide_needs_a_text(bool approved, string text)
    {
        AssertOnlyError(new ActionInput.Decide(approved, text).Validate(Item), "text");
    }

    [Fact]
    public void A_rejection_asks_for_a_reason_and_an_approval_for_the_result()
    {
        var reject = new ActionInput.Decide(false, "").Validate(Item)["text"][0];
        var approve = new ActionInput.Decide(true, "").Validate(Item)["text"][0];

        Assert.NotEqual(approve, reject);
        Assert.Contains("理由", reject, StringComparison.Ordinal);
        Assert.DoesNotContain("理由", approve, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "准予发放，自次月起每月 100 元")]
    [InlineData(false, "年龄未满 80 周岁，不符合条件")]
    public void Decide_with_a_text_is_valid(bool approved, string text)
    {
        Assert.Empty(new ActionInput.Decide(approved, text).Validate(Item));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Evaluation_level_outside_one_to_five_is_refused(int level)
    {
        AssertOnlyError(new ActionInput.Evaluate(level).Validate(Item), "level");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Evaluation_levels_one_to_five_are_valid(int level)
    {
        Assert.Empty(new ActionInput.Evaluate(level).Validate(Item));
    }

    [Fact]
    public void Delivery_method_must_be_a_defined_one()
    {
        AssertOnlyError(new ActionInput.Deliver((DeliveryMethod)99).Validate(Item), "method");
    }

    [Theory]
    [InlineData(DeliveryMethod.Window)]
    [InlineData(DeliveryMethod.Post)]
    [InlineData(DeliveryMethod.Home)]
    public void Delivery_at_the_window_by_post_or_at_home_is_valid(DeliveryMethod method)
    {
        Assert.Empty(new ActionInput.Deliver(method).Validate(Item));
    }

    [Fact]
    public void Actions_that_carry_nothing_are_always_valid()
    {
        Assert.Empty(ActionInput.None.Instance.Validate(Item));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void Levels_four_and_five_are_bad_reviews(int level, bool bad)
    {
        Assert.Equal(bad, EvaluationLevels.IsBadReview(level));
    }

    [Theory]
    [InlineData(1, "非常满意")]
    [InlineData(2, "满意")]
    [InlineData(3, "基本满意")]
    [InlineData(4, "不满意")]
    [InlineData(5, "非常不满意")]
    public void Evaluation_levels_have_the_five_official_labels(int level, string label)
    {
        Assert.Equal(label, EvaluationLevels.Label(level));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void There_is_no_label_outside_the_five_levels(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationLevels.Label(level));
    }
}
