using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tongban.Limit;

public sealed record Applicant(string Name, string IdNumber, string Phone);

public sealed record OpenCase(string ItemCode, Applicant Applicant, string[] Materials);

public sealed record StepRequest(int Version);

public sealed record CaseState(Guid Id, string State, int Version);

/// <summary>
/// The staff's HTTP side: Kestrel and a minimal API, JSON in and out, a bearer token on every request (looked up in
/// memory: a token's staff member is known without a query). A step is one transition, answered with the case's
/// state and version; a desk that handed a case off waits for the receiver's commit with a long poll.
/// </summary>
public sealed class Api(Store store, Relay relay, Nodes nodes, Arrivals arrivals, IReadOnlyDictionary<string, string> tokens) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private WebApplication? _app;
    private long _transitions;
    private long _conflicts;

    public Uri? Address { get; private set; }

    public long Transitions => Interlocked.Read(ref _transitions);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        app.Use((context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !tokens.TryGetValue(header[7..], out var staff))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            context.Items["staff"] = staff;
            return next(context);
        });
        app.MapPost("/cases", OpenAsync);
        app.MapPost("/cases/{id:guid}/{action}", StepAsync);
        app.MapGet("/cases/{id:guid}/arrival", ArrivalAsync);

        await app.StartAsync();
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _app = app;
    }

    private async Task<IResult> OpenAsync(OpenCase request, HttpContext context)
    {
        var step = Walk.Steps[0];
        var id = Guid.CreateVersion7();
        var document = JsonSerializer.Serialize(new { state = step.To, request.ItemCode, request.Applicant, request.Materials, registeredAt = DateTimeOffset.UtcNow }, Json);
        var handOff = Messages.HandOff(step.HandOffTo!, new HandOff(id, 1, step.To, step.Received!));
        await store.OpenAsync(id, step.To, document, step.Action, (string)context.Items["staff"]!, handOff);
        Committed(handOff);
        return Results.Json(new CaseState(id, step.To, 1), Json, statusCode: StatusCodes.Status201Created);
    }

    private async Task<IResult> StepAsync(Guid id, string action, StepRequest request, HttpContext context)
    {
        if (!Walk.ByAction.TryGetValue(action, out var step)) return Results.NotFound();
        var version = request.Version + 1;
        var message = step.HandOffTo is { } queue
            ? Messages.HandOff(queue, new HandOff(id, version, step.To, step.Received!))
            : Messages.Event(new CaseEvent(id, version, step.To));
        if (!await store.MoveAsync(id, request.Version, step.From!, step.To, step.Action, (string)context.Items["staff"]!, message))
        {
            Interlocked.Increment(ref _conflicts);
            return Results.Conflict();
        }

        Committed(message);
        if (step.To == "Archived") arrivals.Forget(id);
        return Results.Json(new CaseState(id, step.To, version), Json);
    }

    private async Task<IResult> ArrivalAsync(Guid id, int version) =>
        await arrivals.WaitAsync(id, version, TimeSpan.FromSeconds(30)) is { } now
            ? Results.Json(new CaseState(id, now.State, now.Version), Json)
            : Results.StatusCode(StatusCodes.Status408RequestTimeout);

    private void Committed(Outgoing message)
    {
        Interlocked.Increment(ref _transitions);
        nodes.Sent(message);
        relay.Wake();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
