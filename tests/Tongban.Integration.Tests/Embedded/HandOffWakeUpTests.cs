using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Embedded;

/// <summary>
/// A step's hand-off leaves when the step commits, not at the outbox relay's next poll: with the poll an hour apart,
/// the case still reaches the next post at once. Every step's save runs in an explicit transaction (the bureau
/// counts' own), so the relay must be woken at that transaction's commit.
/// </summary>
public sealed class HandOffWakeUpTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new() { Settings = { ["Outbox:PollInterval"] = "01:00:00" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Hand_offs_leave_at_the_commit_without_waiting_for_the_relays_poll()
    {
        using var clerk = await _app.LoginAsync("dongmen.clerk");
        using var specialist = await _app.LoginAsync("dongmen.specialist");
        using var township = await _app.LoginAsync("hexi.backoffice");

        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist", TimeSpan.FromSeconds(10));
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor", TimeSpan.FromSeconds(10));
    }
}
