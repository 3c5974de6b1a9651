using System.Collections.Concurrent;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Tongban.Limit;

/// <summary>
/// The receiving side of the three jurisdictions' nodes and the bureau's monitor: a consumer per durable queue,
/// manual acknowledgements after the commit. A hand-off is applied as the receiver's own transition with an inbox
/// row in the same transaction (a redelivery finds the row and is only acknowledged); an event updates the monitor's
/// row for the case, also behind the inbox.
/// </summary>
public sealed class Nodes(Store store, Relay relay, IConnection connection, Arrivals arrivals, ushort prefetch = 64, ushort concurrency = 16) : IAsyncDisposable
{
    private readonly List<IChannel> _channels = [];
    private readonly CancellationTokenSource _stop = new();
    private long _handOffs;
    private long _events;
    private long _duplicates;
    private long _conflicts;
    private long _errors;

    /// <summary>When each staged hand-off's sending transaction committed, for the hand-off latency.</summary>
    public ConcurrentDictionary<Guid, long> SentAt { get; } = new();

    public Samples HandOffMilliseconds { get; } = new();

    public long HandOffsApplied => Interlocked.Read(ref _handOffs);

    public long EventsApplied => Interlocked.Read(ref _events);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public long Errors => Interlocked.Read(ref _errors);

    public async Task StartAsync()
    {
        await using (var setup = await connection.CreateChannelAsync())
        {
            foreach (var queue in Walk.Queues) await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        }

        await ConsumeAsync(Walk.Community, HandOffAsync);
        await ConsumeAsync(Walk.Specialist, HandOffAsync);
        await ConsumeAsync(Walk.Township, HandOffAsync);
        await ConsumeAsync(Walk.Monitor, EventAsync);
    }

    /// <summary>A sender committed: its hand-off is on its way (the relay is woken by the caller).</summary>
    public void Sent(Outgoing message)
    {
        if (message.Queue != Walk.Monitor) SentAt[message.Id] = Stopwatch.GetTimestamp();
    }

    private async Task ConsumeAsync(string queue, Func<IChannel, BasicDeliverEventArgs, Task> handle)
    {
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: concurrency));
        await channel.BasicQosAsync(0, prefetch, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => handle(channel, delivery);
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        _channels.Add(channel);
    }

    private async Task HandOffAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var messageId = Guid.Parse(delivery.BasicProperties.MessageId!);
        var handOff = Messages.Read<HandOff>(delivery.Body);
        var version = handOff.Version + 1;
        var next = Messages.Event(new CaseEvent(handOff.CaseId, version, handOff.To));
        await SettleAsync(channel, delivery, async () =>
        {
            var outcome = await store.ReceiveAsync(messageId, handOff.CaseId, handOff.Version, handOff.From, handOff.To, delivery.RoutingKey, next);
            if (outcome == Received.Applied)
            {
                if (SentAt.TryRemove(messageId, out var sent)) HandOffMilliseconds.Since(sent);
                Interlocked.Increment(ref _handOffs);
                relay.Wake();
                arrivals.Arrived(handOff.CaseId, version, handOff.To);
            }

            return outcome;
        });
    }

    private async Task EventAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var messageId = Guid.Parse(delivery.BasicProperties.MessageId!);
        var e = Messages.Read<CaseEvent>(delivery.Body);
        await SettleAsync(channel, delivery, async () =>
        {
            var outcome = await store.MonitorAsync(messageId, e.CaseId, e.State, e.Seq);
            if (outcome == Received.Applied) Interlocked.Increment(ref _events);
            return outcome;
        });
    }

    /// <summary>Acknowledges after the commit; a conflict is rejected (it would be dead-lettered), a failure redelivered.</summary>
    private async Task SettleAsync(IChannel channel, BasicDeliverEventArgs delivery, Func<Task<Received>> apply)
    {
        try
        {
            switch (await apply())
            {
                case Received.Duplicate:
                    Interlocked.Increment(ref _duplicates);
                    break;
                case Received.Conflict:
                    Interlocked.Increment(ref _conflicts);
                    await channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: false);
                    return;
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Shutting down: unacknowledged, the broker redelivers to the next consumer.
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _errors);
            Console.Error.WriteLine($"[limit] consumer {delivery.RoutingKey}: {e.GetType().Name}: {e.Message}");
            await Task.Delay(50);
            await channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var channel in _channels) await channel.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>
/// What a desk waits for after a hand-off: the receiver's commit. The API answers a long poll from here, so no desk
/// polls the database.
/// </summary>
public sealed class Arrivals
{
    private readonly ConcurrentDictionary<Guid, (int Version, string State)> _arrived = new();
    private readonly ConcurrentDictionary<Guid, (int Version, TaskCompletionSource<(int, string)> Done)> _waiting = new();

    public void Arrived(Guid id, int version, string state)
    {
        _arrived[id] = (version, state);
        if (_waiting.TryGetValue(id, out var w) && version >= w.Version) w.Done.TrySetResult((version, state));
    }

    /// <summary>The case at <paramref name="version"/> or later, once the receiver committed it.</summary>
    public async Task<(int Version, string State)?> WaitAsync(Guid id, int version, TimeSpan timeout)
    {
        if (_arrived.TryGetValue(id, out var now) && now.Version >= version) return now;
        var done = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = (version, done);
        try
        {
            if (_arrived.TryGetValue(id, out now) && now.Version >= version) return now;
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    public void Forget(Guid id) => _arrived.TryRemove(id, out _);
}
