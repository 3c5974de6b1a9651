using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tongban.Benchmarks;

/// <summary>The real gateway (Release build) as its own process on a loopback port, for benchmarks over HTTP.</summary>
public static class GatewayProcess
{
    public static Process Start(int port, IEnumerable<string> args, string? connectionString)
    {
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Gateway", "Tongban.Gateway", "bin", "Release", "net10.0", "Tongban.Gateway.dll"));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }.Concat(args)) start.ArgumentList.Add(arg);
        if (connectionString is not null) start.Environment["ConnectionStrings__Tongban"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitUntilUpAsync(HttpClient http, Process gateway)
    {
        for (var i = 0; i < 600; i++)
        {
            if (gateway.HasExited) throw new InvalidOperationException("the gateway exited");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the gateway did not start");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
