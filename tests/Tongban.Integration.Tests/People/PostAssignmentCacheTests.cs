using System.Net;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.People;

/// <summary>
/// A staff member's posts are cached for <c>Auth:PostCacheSeconds</c>: an absence registered through the engine
/// applies at once (<see cref="AbPostTests"/>), one written by another process within the cache time.
/// </summary>
public sealed class PostAssignmentCacheTests : IAsyncLifetime
{
    // Monday 2026-11-23, 09:00 in the county.
    private readonly ManualClock _clock = new(ManualClock.Shanghai(2026, 11, 23));
    private readonly EmbeddedApp _app;

    public PostAssignmentCacheTests()
    {
        _app = new EmbeddedApp { Clock = _clock };
        _app.Settings["Auth:PostCacheSeconds"] = "60";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_absence_written_by_another_process_applies_once_the_cache_time_has_passed()
    {
        var id = await PeopleApi.CaseAwaitingSignForAsync(_app);
        var a = await _app.LoginAsync("hexi.backoffice");
        var b = await _app.LoginAsync("hexi.backoffice2");
        await a.GetArrayAsync("/api/work-queue");
        await b.GetArrayAsync("/api/work-queue");

        // Another process (no interceptor of this one sees it) registers A's absence for today.
        await using (var other = new TongbanDbContext(new DbContextOptionsBuilder<TongbanDbContext>().UseSqlite($"Data Source={_app.DatabasePath}").Options))
        {
            other.PostAbsences.Add(new PostAbsence
            {
                Id = Guid.NewGuid(), PostId = PeopleApi.HexiPost, StaffId = "hexi.backoffice", From = new DateOnly(2026, 11, 23), To = new DateOnly(2026, 11, 23),
                RegisteredBy = "hexi.head", RegisteredAt = _clock.GetUtcNow(),
            });
            await other.SaveChangesAsync();
        }

        // Within the cache time this process still has B as backup only for escalated work.
        Assert.Equal(HttpStatusCode.Forbidden, (await b.ActAsync(id, "sign-for")).StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Forbidden, (await a.ActAsync(id, "sign-for")).StatusCode);
        var signed = await b.DoAsync(id, "sign-for");
        Assert.Equal("hexi.backoffice", signed["history"]!.AsArray()[^1]!["actingFor"]!.GetValue<string>());
    }
}
