using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace Tongban.Integration.Tests.Infrastructure;

/// <summary>
/// The real servers the distributed tests run against, started by scripts/test.sh (or given in the environment).
/// Each test fixture gets its own PostgreSQL database and RabbitMQ virtual host, removed afterwards.
/// </summary>
public static class Substrate
{
    public static string PostgresAdmin => Required("TONGBAN_TEST_POSTGRES");

    public static Uri RabbitMq => new(Required("TONGBAN_TEST_RABBITMQ"));

    public static Uri RabbitManagement => new(Required("TONGBAN_TEST_RABBITMQ_MANAGEMENT"));

    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task CreateVirtualHostAsync(string vhost)
    {
        using var http = Management();
        (await http.PutAsync($"api/vhosts/{vhost}", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        var user = RabbitMq.UserInfo.Split(':')[0];
        (await http.PutAsJsonAsync($"api/permissions/{vhost}/{user}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    public static async Task DeleteVirtualHostAsync(string vhost)
    {
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{vhost}");
    }

    public static async Task<System.Text.Json.Nodes.JsonArray> QueuesAsync(string vhost)
    {
        using var http = Management();
        return (await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"api/queues/{vhost}"))!;
    }

    private static HttpClient Management()
    {
        var http = new HttpClient { BaseAddress = RabbitManagement };
        var userInfo = Uri.UnescapeDataString(RabbitMq.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        return http;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests with ./scripts/test.sh, which starts RabbitMQ and PostgreSQL and sets it.");
}
