using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tongban.Testing;

namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>
/// The embedded gateway as its own process on a real port, for the security suite: sign-in helpers, the OpenAPI
/// document, and a look at the database file (row counts and case versions) to tell "nothing written".
/// </summary>
public sealed class SuiteCounty : IAsyncLifetime
{
    public County County { get; private set; } = null!;

    public Uri Address => County.Gateways[0].Address;

    public ServiceProcess Gateway => County.Gateways[0].Process;

    public string DatabaseFile => new SqliteConnectionStringBuilder(County.ConnectionString).DataSource;

    public async Task InitializeAsync() => County = await County.StartAsync(new CountyShape(CountyMode.Embedded)
    {
        // 0: a disabled account's token must fail on the next request (the default 5 s is measured elsewhere).
        Settings = new Dictionary<string, string>
        {
            ["Auth__StaffCacheSeconds"] = "0",
            // The suite probes the public lookup's fields from one address; its limits have their own tests.
            ["Residents__Lookup__PerAddressPerMinute"] = "100000",
            ["Residents__Lookup__WrongPerCasePerHour"] = "100000",
        },
    });

    public async Task DisposeAsync() => await County.DisposeAsync();

    public HttpClient Http() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    public Task<StaffClient> LoginAsync(string username) => StaffClient.LoginAsync(Http(), username);

    public async Task<JsonObject> OpenApiAsync()
    {
        using var http = Http();
        return (await http.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
    }

    /// <summary>Rows in every table but the audit trail, the key ring and the public lookup's record of attempts (it
    /// records every attempt, refused ones too, as the audit trail does), and the sum of case versions: equal before and after means nothing was written.</summary>
    public async Task<string> WrittenStateAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('audit_records', 'data_protection_keys', 'resident_lookups', '__EFMigrationsHistory') ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        var parts = new List<string>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            parts.Add($"{table}={await count.ExecuteScalarAsync()}");
        }

        await using var versions = connection.CreateCommand();
        versions.CommandText = "SELECT COALESCE(SUM(\"Version\"), 0) FROM cases";
        parts.Add($"versions={await versions.ExecuteScalarAsync()}");
        return string.Join(' ', parts);
    }

    private string? _afterLastProbe;

    /// <summary>
    /// The state a probe's answer is compared against. When nothing changed since the last probe's answer (the usual
    /// case: a refused probe writes nothing), that state; otherwise (setup, a sign-in, a probe that wrote) it waits
    /// for background work to settle. Waiting only then keeps several hundred probes from costing 300 ms each.
    /// </summary>
    public async Task<string> StateBeforeProbeAsync()
    {
        var now = await WrittenStateAsync();
        return now == _afterLastProbe ? now : await SettledStateAsync();
    }

    /// <summary>The state after a probe's answer; equal to <see cref="StateBeforeProbeAsync"/>'s means it wrote nothing
    /// (the write path commits before it answers; hand-offs follow a commit, so a refused probe starts none).</summary>
    public async Task<string> StateAfterProbeAsync() => _afterLastProbe = await WrittenStateAsync();

    /// <summary>Waits until background work (hand-offs, sealing) has settled, so a probe's before/after compare only the probe.</summary>
    public async Task<string> SettledStateAsync()
    {
        var last = await WrittenStateAsync();
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(300);
            var now = await WrittenStateAsync();
            if (now == last) return now;
            last = now;
        }

        return last;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
