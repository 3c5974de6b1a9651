using System.Text;
using System.Threading.Channels;
using RabbitMQ.Client;

namespace Tongban.Limit;

/// <summary>
/// Sends the outbox: claims a batch of rows, publishes each as a persistent message and waits for every publisher
/// confirm, then commits the claim (the rows leave the outbox). A failed publish rolls the claim back and the rows
/// are sent again; the receivers' inbox makes that harmless. Woken after each commit, and every 100 ms regardless.
/// </summary>
public sealed class Relay(Store store, IConnection connection, int loops = 2, int batch = 100) : IAsyncDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IChannel> _channels = [];
    private readonly List<Task> _loops = [];
    private long _published;
    private long _errors;

    public long Published => Interlocked.Read(ref _published);

    public long Errors => Interlocked.Read(ref _errors);

    public async Task StartAsync()
    {
        for (var i = 0; i < loops; i++)
        {
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                outstandingPublisherConfirmationsRateLimiter: new ThrottlingRateLimiter(4 * batch)));
            _channels.Add(channel);
            _loops.Add(Task.Run(() => LoopAsync(channel, _stop.Token)));
        }
    }

    /// <summary>A transition committed outbox rows: send them now.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    private async Task LoopAsync(IChannel channel, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using (var tick = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    tick.CancelAfter(100);
                    try
                    {
                        await _wake.Reader.ReadAsync(tick.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                    }
                }

                while (await SendBatchAsync(channel, ct) == batch)
                {
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _errors);
                Console.Error.WriteLine($"[limit] relay: {e.GetType().Name}: {e.Message}");
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task<int> SendBatchAsync(IChannel channel, CancellationToken ct)
    {
        await using var db = await store.Db.OpenConnectionAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var rows = await Store.ClaimAsync(db, transaction, batch);
        if (rows.Count > 0)
        {
            var confirms = new Task[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var properties = new BasicProperties { MessageId = rows[i].Id.ToString(), Persistent = true, ContentType = "application/json" };
                confirms[i] = channel.BasicPublishAsync("", rows[i].Queue, mandatory: true, properties, Encoding.UTF8.GetBytes(rows[i].Body), ct).AsTask();
            }

            await Task.WhenAll(confirms);
        }

        await transaction.CommitAsync(ct);
        Interlocked.Add(ref _published, rows.Count);
        return rows.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var channel in _channels) await channel.DisposeAsync();
        _stop.Dispose();
    }
}
