using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// The names a milestone notice writes come from a process-wide read of the jurisdictions: a rename by another
/// process shows after the refresh interval, a jurisdiction the read did not have shows at once.
/// </summary>
public sealed class JurisdictionNamesTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public JurisdictionNamesTests() => _app = new EmbeddedApp { Clock = _clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_rename_shows_after_the_refresh_interval_and_a_new_jurisdiction_at_once()
    {
        var names = _app.Services.GetRequiredService<JurisdictionNames>();
        Assert.Equal(["青山县", "青山县行政审批局"], await NamesAsync(names, "qingshan", "qingshan-bureau"));

        await using (var other = OtherProcess())
        {
            await other.Jurisdictions.Where(j => j.Id == "qingshan").ExecuteUpdateAsync(s => s.SetProperty(j => j.Name, "青山县（新）"));
        }

        // Read once for the refresh interval: no query of its own per notice.
        Assert.Equal(["青山县"], await NamesAsync(names, "qingshan"));
        _clock.Advance(JurisdictionNames.RefreshInterval);
        Assert.Equal(["青山县（新）"], await NamesAsync(names, "qingshan"));

        await using (var other = OtherProcess())
        {
            other.Jurisdictions.Add(new Jurisdiction { Id = "qingshan-new", Name = "新城社区", Kind = JurisdictionKind.UrbanCommunity, ParentId = "qingshan", Code = "369901999" });
            await other.SaveChangesAsync();
        }

        Assert.Equal(["新城社区", "nowhere"], await NamesAsync(names, "qingshan-new", "nowhere"));
    }

    private async Task<IReadOnlyList<string>> NamesAsync(JurisdictionNames names, params string[] ids)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await names.NamesAsync(scope.ServiceProvider.GetRequiredService<TongbanDbContext>(), ids, CancellationToken.None);
    }

    /// <summary>A writer none of this process's interceptors see.</summary>
    private TongbanDbContext OtherProcess() =>
        new(new DbContextOptionsBuilder<TongbanDbContext>().UseSqlite($"Data Source={_app.DatabasePath}").Options);
}
