using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>
/// The embedded system (SQLite file, in-memory bus, demo county) on a real Kestrel port on the loopback
/// interface, so a browser can reach it; in-process, so a test can move the clock and look into the database.
/// </summary>
public sealed class GatewayServer : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"tongban-browser-{Guid.NewGuid():N}.db");

    public GatewayServer()
    {
        Port = Ports.Free();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Real time plus what a test moves it forward by.</summary>
    public ManualClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Tongban", $"Data Source={_databasePath}");
        builder.UseSetting("Node:Name", "browser-test");
        // Timers fire promptly after the clock is moved.
        builder.UseSetting("TimeLimits:SweepInterval", "00:00:01");
        // A county department routes may name (县残联), so the sample parallel route can be checked on the routes page.
        builder.UseSetting("Routes:Departments:0", "cjl");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A look into the database (assertions, and setting up states the pages only display).</summary>
    public async Task<T> WithDbAsync<T>(Func<TongbanDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TongbanDbContext>());
    }

    /// <summary>The HTTP API as one staff member, for setting up cases faster than through the pages.</summary>
    public Task<StaffClient> LoginAsync(string username) => StaffClient.LoginAsync(new HttpClient { BaseAddress = new Uri(BaseUrl) }, username);

    /// <summary>The HTTP API with a bearer token.</summary>
    public async Task<HttpClient> ApiAsync(string username) => (await LoginAsync(username)).Http;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_databasePath + suffix);
    }
}
