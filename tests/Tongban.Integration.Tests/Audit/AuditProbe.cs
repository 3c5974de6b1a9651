using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Audit;

/// <summary>Looks at the embedded app's audit trail directly and through the auditor's API.</summary>
internal static class AuditProbe
{
    /// <summary>Waits until at least <paramref name="count"/> matching records exist and all of them are sealed.</summary>
    public static async Task<List<AuditRecord>> WaitForSealedAsync(EmbeddedApp app, Func<AuditRecord, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        List<AuditRecord> found;
        do
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
            found = [.. (await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync()).Where(match)];
            if (found.Count >= count && found.All(r => r.IsSealed)) return found;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"expected {count} sealed audit records, found {found.Count} ({found.Count(r => r.IsSealed)} sealed)");
    }

    /// <summary>Waits until every record in the trail is sealed; returns them in chain order.</summary>
    public static async Task<List<AuditRecord>> WaitForAllSealedAsync(EmbeddedApp app) =>
        [.. (await WaitForSealedAsync(app, _ => true)).OrderBy(r => r.ChainIndex)];

    public static async Task<JsonObject> GetJsonAsync(StaffClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} as {client.Username}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A raw connection to the app's database file, as someone with access to the server would have.</summary>
    public static async Task<SqliteConnection> OpenFileAsync(EmbeddedApp app)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}
