using Tongban.Limit;
using Tongban.Load;
using Tongban.Load.Checking;
using Xunit.Abstractions;

namespace Tongban.Integration.Tests.Load;

/// <summary>
/// The limit the load benchmark measures the engine against (issue 13): it must carry the project's walk, and keep
/// its guarantees while it runs, or its figure is not a bound on anything.
/// </summary>
public sealed class LimitTests(ITestOutputHelper output)
{
    [Fact]
    public void The_limit_walks_the_projects_cross_jurisdiction_route_with_a_correction()
    {
        Assert.Equal(Route.WithCorrection, Walk.Journal);
        Assert.Equal(5, Walk.Steps.Count(s => s.HandOffTo is not null));
    }

    [Fact]
    public async Task Every_case_the_limit_archives_has_the_whole_walk_in_its_journal_and_every_event_at_the_monitor()
    {
        var figures = await LoadRun.MeasureLimitAsync(output.WriteLine, desks: 4, measured: TimeSpan.FromSeconds(3));

        Assert.True(figures.Checked > 0, "no case was archived");
        Assert.Empty(figures.Wrong);
        Assert.Equal(0, figures.Faults);
        Assert.True(figures.CasesPerSecond > 0 && figures.TransitionsPerSecond >= figures.CasesPerSecond * Walk.TransitionsPerCase * 0.5);
        Assert.Equal(3, figures.CpuMillisecondsPerTransition.Count);
        Assert.True(figures.CpuMillisecondsPerTransition.Values.Sum() > 0);
    }
}
