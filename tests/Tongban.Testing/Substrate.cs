using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Tongban.Testing;

/// <summary>
/// The real RabbitMQ and PostgreSQL servers, as scripts/test.sh or scripts/bench.sh started them (or as given in
/// the environment): connection settings, a database and virtual host per county (removed afterwards), the
/// broker's queue depths, and the restarts the fault suite needs.
/// </summary>
public static class Substrate
{
    public static string PostgresAdmin => Required("TONGBAN_TEST_POSTGRES");

    public static Uri RabbitMq => new(Required("TONGBAN_TEST_RABBITMQ"));

    public static Uri RabbitManagement => new(Environment.GetEnvironmentVariable("TONGBAN_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } m ? m : "http://127.0.0.1:15672/");

    /// <summary>The data directory of a PostgreSQL cluster the harness may restart (scripts/test.sh's own), if any.</summary>
    public static string? PostgresDataDirectory => Environment.GetEnvironmentVariable("TONGBAN_TEST_POSTGRES_DATA") is { Length: > 0 } d ? d : null;

    public static (string User, string Password) RabbitCredentials
    {
        get
        {
            var parts = Uri.UnescapeDataString(RabbitMq.UserInfo).Split(':');
            return (parts[0], parts.Length > 1 ? parts[1] : "");
        }
    }

    /// <summary>The settings a process needs to use the broker, in a virtual host of its own (environment variable names).</summary>
    public static Dictionary<string, string> RabbitMqSettings(string vhost)
    {
        var (user, password) = RabbitCredentials;
        return new()
        {
            ["Bus__Transport"] = "RabbitMq",
            ["RabbitMq__Host"] = RabbitMq.Host,
            ["RabbitMq__Port"] = RabbitMq.Port.ToString(CultureInfo.InvariantCulture),
            ["RabbitMq__VirtualHost"] = vhost,
            ["RabbitMq__Username"] = user,
            ["RabbitMq__Password"] = password,
        };
    }

    /// <summary>Creates a database and returns its connection string (as <paramref name="admin"/>, by default the test servers' user).</summary>
    public static async Task<string> CreateDatabaseAsync(string name, string? admin = null)
    {
        await AdminAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(admin ?? PostgresAdmin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name, string? admin = null)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static async Task CreateVirtualHostAsync(string vhost)
    {
        using var http = Management();
        (await http.PutAsync($"api/vhosts/{vhost}", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{vhost}/{RabbitCredentials.User}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    public static async Task DeleteVirtualHostAsync(string vhost)
    {
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{vhost}");
    }

    /// <summary>Messages per queue of the virtual host (ready + unacknowledged).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(string vhost)
    {
        using var http = Management();
        var queues = (await http.GetFromJsonAsync<JsonArray>($"api/queues/{vhost}?columns=name,messages"))!;
        return queues.Select(q => q!.AsObject()).ToDictionary(q => q["name"]!.GetValue<string>(), q => q["messages"]?.GetValue<long>() ?? 0);
    }

    /// <summary>
    /// Restarts the broker application (every connection drops; durable queues and persistent messages are
    /// recovered from disk). The Erlang VM stays, so this needs no root and no knowledge of how it was started.
    /// </summary>
    public static async Task RestartRabbitMqAsync()
    {
        await RunAsync("rabbitmqctl", "-q", "stop_app");
        await RunAsync("rabbitmqctl", "-q", "start_app");
        await RunAsync("rabbitmqctl", "-q", "await_startup");
        // The management API answers again only a moment after the broker.
        using var http = Management();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync("api/overview")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Restarts PostgreSQL (fast shutdown: every connection is cut, in-flight transactions roll back).</summary>
    public static async Task RestartPostgresAsync()
    {
        var data = PostgresDataDirectory ?? throw new InvalidOperationException("TONGBAN_TEST_POSTGRES_DATA is not set: this PostgreSQL was not started by scripts/test.sh, so the harness does not restart it.");
        var pgCtl = "/usr/lib/postgresql/15/bin/pg_ctl";
        // pg_ctl restart reuses the options the server was started with (postmaster.opts).
        string[] restart = [pgCtl, "-D", data, "-m", "fast", "-w", "-t", "60", "restart", "-l", Path.Combine(Path.GetDirectoryName(data)!, "log")];
        if (Environment.UserName == "root") await RunAsync("runuser", ["-u", "postgres", "--", .. restart]);
        else await RunAsync(restart[0], restart[1..]);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
    }

    private static async Task AdminAsync(string? admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin ?? PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static HttpClient Management()
    {
        var http = new HttpClient { BaseAddress = RabbitManagement };
        var (user, password) = RabbitCredentials;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run through ./scripts/test.sh or ./scripts/bench.sh, which start RabbitMQ and PostgreSQL and set it.");
}
