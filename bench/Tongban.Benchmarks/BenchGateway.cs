using Tongban.Testing;

namespace Tongban.Benchmarks;

/// <summary>The real gateway (this configuration's build) as its own process on a loopback port, for benchmarks over HTTP; disposing it kills it.</summary>
public sealed class BenchGateway : IAsyncDisposable
{
    private readonly ServiceProcess _process;

    private BenchGateway(ServiceProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts it with the given arguments (and connection string, if any) and waits until it is ready.</summary>
    public static async Task<BenchGateway> StartAsync(IEnumerable<string> args, string? connectionString)
    {
        var address = new Uri($"http://127.0.0.1:{Ports.Free()}");
        var environment = new Dictionary<string, string>(ServiceProcess.WarningsOnly);
        if (connectionString is not null) environment["ConnectionStrings__Tongban"] = connectionString;
        var process = new ServiceProcess("gateway", RepoPaths.GatewayDll, environment, ["--urls", address.ToString(), .. args]);
        try
        {
            await process.StartAsync();
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new BenchGateway(process, address);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
