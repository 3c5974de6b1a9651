using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Tongban.Load.Substrate;

/// <summary>
/// The RabbitMQ and PostgreSQL servers the harness runs against, as scripts/test.sh (or scripts/bench.sh)
/// started them: connection settings from the environment, and the restarts the fault suite needs.
/// </summary>
public static class Servers
{
    public static string PostgresAdmin => Required("TONGBAN_TEST_POSTGRES");

    public static Uri RabbitMq => new(Required("TONGBAN_TEST_RABBITMQ"));

    public static Uri RabbitManagement => new(Environment.GetEnvironmentVariable("TONGBAN_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } m ? m : "http://127.0.0.1:15672/");

    /// <summary>The data directory of a PostgreSQL cluster the harness may restart (scripts/test.sh's own), if any.</summary>
    public static string? PostgresDataDirectory => Environment.GetEnvironmentVariable("TONGBAN_TEST_POSTGRES_DATA") is { Length: > 0 } d ? d : null;

    public static bool HasDistributedSubstrate =>
        Environment.GetEnvironmentVariable("TONGBAN_TEST_POSTGRES") is { Length: > 0 } && Environment.GetEnvironmentVariable("TONGBAN_TEST_RABBITMQ") is { Length: > 0 };

    public static (string User, string Password) RabbitCredentials
    {
        get
        {
            var parts = Uri.UnescapeDataString(RabbitMq.UserInfo).Split(':');
            return (parts[0], parts.Length > 1 ? parts[1] : "");
        }
    }

    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
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
        if (Environment.UserName == "root") await RunAsync("runuser", "-u", "postgres", "--", pgCtl, "-D", data, "-m", "fast", "-w", "-t", "60", "restart", "-l", Path.Combine(Path.GetDirectoryName(data)!, "log"));
        else await RunAsync(pgCtl, "-D", data, "-m", "fast", "-w", "-t", "60", "restart", "-l", Path.Combine(Path.GetDirectoryName(data)!, "log"));
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

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresAdmin);
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
            : throw new InvalidOperationException($"{variable} is not set: run through ./scripts/bench.sh or ./scripts/test.sh, which start RabbitMQ and PostgreSQL and set it.");
}
