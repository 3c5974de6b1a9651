using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Posts;

namespace Tongban.Workflows.Tests.Posts;

public sealed class PostHoldingTests
{
    private static readonly PostHolders Post = new("a", "b", "head");
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public void A_holds_the_post_when_present()
    {
        Assert.Equal(new Holding("a", HoldingKind.Primary, null), PostHolding.Now(Post, [new Absence("b", Monday, Monday)], Monday));
    }

    [Fact]
    public void B_holds_it_for_A_while_A_is_absent_and_A_again_the_day_after()
    {
        var leave = new Absence("a", Monday, Monday.AddDays(2));

        Assert.Equal(new Holding("b", HoldingKind.Backup, "a"), PostHolding.Now(Post, [leave], Monday.AddDays(2)));
        Assert.Equal(HoldingKind.Primary, PostHolding.Now(Post, [leave], Monday.AddDays(3)).Kind);
    }

    [Fact]
    public void The_named_cover_holds_it_when_both_are_absent_else_the_unit_head()
    {
        var a = new Absence("a", Monday, Monday.AddDays(4));
        var b = new Absence("b", Monday.AddDays(1), Monday.AddDays(1), CoverStaffId: "c");

        Assert.Equal(new Holding("c", HoldingKind.Cover, "a"), PostHolding.Now(Post, [a, b], Monday.AddDays(1)));
        Assert.Equal(new Holding("head", HoldingKind.UnitHead, "a"), PostHolding.Now(Post, [a, b with { CoverStaffId = null }], Monday.AddDays(1)));
    }

    [Fact]
    public void B_acts_for_A_while_A_is_away_and_only_on_escalated_cases_while_A_is_present()
    {
        var away = PostHolding.AssignmentFor("b", "p", "hexi", PostRole.BackOffice, Post, [new Absence("a", Monday, Monday)], Monday)!;
        Assert.True(away.AsBackup);
        Assert.False(away.OnlyEscalated);
        Assert.Equal("a", away.ActingForId);

        var present = PostHolding.AssignmentFor("b", "p", "hexi", PostRole.BackOffice, Post, [], Monday)!;
        Assert.True(present.OnlyEscalated);
        Assert.Null(PostHolding.AssignmentFor("a", "p", "hexi", PostRole.BackOffice, Post, [new Absence("a", Monday, Monday)], Monday));
        Assert.Null(PostHolding.AssignmentFor("x", "p", "hexi", PostRole.BackOffice, Post, [], Monday));
    }

    [Fact]
    public void A_post_limited_to_escalated_work_counts_only_for_the_case_escalated_at_it()
    {
        var actor = new Actor("b", "B", [new PostAssignment("p", "hexi", PostRole.BackOffice, true) { OnlyEscalated = true }]);

        Assert.Empty(PostHolding.ForCase(actor, null).Posts);
        Assert.Single(PostHolding.ForCase(actor, "p").Posts);
    }
}
