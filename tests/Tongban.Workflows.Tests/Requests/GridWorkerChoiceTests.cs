using Tongban.Workflows.Posts;
using Tongban.Workflows.Requests;

namespace Tongban.Workflows.Tests.Requests;

/// <summary>Which grid worker of a grid's AB post gets a collection at home: whoever holds the post on the appointment's day.</summary>
public sealed class GridWorkerChoiceTests
{
    private static readonly PostHolders Grid = new("dongmen.grid1", "dongmen.grid1b", "dongmen.head");
    private static readonly DateOnly Monday = new(2026, 11, 30);

    [Fact]
    public void The_A_holder_when_present_on_the_appointment_day()
    {
        var holding = GridWorkerChoice.For(Grid, [], Monday);
        Assert.Equal(new Holding("dongmen.grid1", HoldingKind.Primary, null), holding);
    }

    [Fact]
    public void The_B_holder_when_A_is_away_on_that_day_even_if_A_is_present_today()
    {
        var absences = new[] { new Absence("dongmen.grid1", Monday, Monday.AddDays(2)) };
        Assert.Equal(new Holding("dongmen.grid1b", HoldingKind.Backup, "dongmen.grid1"), GridWorkerChoice.For(Grid, absences, Monday));
        // The day before the leave, A still.
        Assert.Equal("dongmen.grid1", GridWorkerChoice.For(Grid, absences, Monday.AddDays(-1)).StaffId);
    }

    [Fact]
    public void Both_away_the_named_cover_else_the_unit_head()
    {
        var both = new[] { new Absence("dongmen.grid1", Monday, Monday), new Absence("dongmen.grid1b", Monday, Monday) };
        Assert.Equal(new Holding("dongmen.head", HoldingKind.UnitHead, "dongmen.grid1"), GridWorkerChoice.For(Grid, both, Monday));
        var covered = new[] { both[0], both[1] with { CoverStaffId = "dongmen.grid2" } };
        Assert.Equal(new Holding("dongmen.grid2", HoldingKind.Cover, "dongmen.grid1"), GridWorkerChoice.For(Grid, covered, Monday));
    }
}
