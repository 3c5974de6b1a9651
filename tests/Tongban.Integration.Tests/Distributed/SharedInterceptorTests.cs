using Microsoft.EntityFrameworkCore;
using Tongban.Contracts;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// The save interceptors are shared by every context of a process (one set of options per process). On real
/// PostgreSQL, where two transactions are open at once: what one context's save left pending is acted on at its own
/// commit, never at another context's.
/// </summary>
public sealed class SharedInterceptorTests : IAsyncLifetime
{
    private readonly string _name = $"shared_{Guid.NewGuid().ToString("N")[..10]}";
    private readonly CommitSignal<OutboxMessage> _signal = new();
    private CommitSignalInterceptor<OutboxMessage> _interceptor = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _interceptor = new CommitSignalInterceptor<OutboxMessage>(_signal);
        _connectionString = await MigratedPostgres.CreateAsync(_name);
    }

    public Task DisposeAsync() => Substrate.DropDatabaseAsync(_name);

    private TongbanDbContext Context() => MigratedPostgres.Context(_connectionString, _interceptor);

    [Fact]
    public async Task A_save_pending_in_one_context_is_signalled_at_its_own_commit_not_at_another_contexts()
    {
        await using var staging = Context();
        await using var other = Context();
        await using var stagingTransaction = await staging.Database.BeginTransactionAsync();
        staging.Send("shared-interceptor-test", new HandOffCase(Guid.NewGuid(), Guid.NewGuid(), "QS-TEST", "Forward", "dongmen", "hexi", "TownshipBackOffice", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
        await staging.SaveChangesAsync();
        Assert.False(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None)); // inside its transaction: not yet

        // Another context commits a transaction of its own meanwhile: nothing of the first one is committed.
        await using (var otherTransaction = await other.Database.BeginTransactionAsync())
        {
            await other.Outbox.CountAsync();
            await otherTransaction.CommitAsync();
        }

        Assert.False(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

        await stagingTransaction.CommitAsync();
        Assert.True(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
