using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Tests.Posts;

public sealed class AbsenceRulesTests
{
    private static readonly PostHolders Post = new("a", "b", "head");
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public void The_holder_registers_their_own_leave()
    {
        Assert.IsType<AbsenceDecision.Allowed>(AbsenceRules.Check(Post, [], new Absence("a", Monday, Monday.AddDays(4)), "a"));
    }

    [Fact]
    public void Someone_else_than_the_holder_or_the_unit_head_may_not()
    {
        Assert.IsType<AbsenceDecision.NotPermitted>(AbsenceRules.Check(Post, [], new Absence("a", Monday, Monday), "b"));
        Assert.IsType<AbsenceDecision.Allowed>(AbsenceRules.Check(Post, [], new Absence("a", Monday, Monday), "head"));
    }

    [Fact]
    public void Leaving_A_and_B_both_away_is_refused_naming_the_days_unless_the_unit_head_names_a_cover()
    {
        var existing = new[] { new Absence("a", Monday, Monday.AddDays(4)) };
        var proposed = new Absence("b", Monday.AddDays(3), Monday.AddDays(7));

        var refused = Assert.IsType<AbsenceDecision.Refused>(AbsenceRules.Check(Post, existing, proposed, "b"));
        Assert.Contains("2026-11-26 至 2026-11-27", refused.Reason, StringComparison.Ordinal);
        Assert.IsType<AbsenceDecision.NotPermitted>(AbsenceRules.Check(Post, existing, proposed with { CoverStaffId = "c" }, "b"));
        Assert.IsType<AbsenceDecision.Allowed>(AbsenceRules.Check(Post, existing, proposed with { CoverStaffId = "c" }, "head"));
    }

    [Fact]
    public void Leaves_that_do_not_overlap_are_fine_and_a_cover_cannot_be_A_or_B()
    {
        var existing = new[] { new Absence("a", Monday, Monday.AddDays(2)) };
        Assert.IsType<AbsenceDecision.Allowed>(AbsenceRules.Check(Post, existing, new Absence("b", Monday.AddDays(3), Monday.AddDays(4)), "b"));
        Assert.IsType<AbsenceDecision.Refused>(AbsenceRules.Check(Post, existing, new Absence("b", Monday, Monday, "a"), "head"));
        Assert.IsType<AbsenceDecision.Refused>(AbsenceRules.Check(Post, [], new Absence("x", Monday, Monday), "head"));
    }
}
