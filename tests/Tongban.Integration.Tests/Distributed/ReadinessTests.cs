using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// A node's health listener (<c>Health:Urls</c>): live while the process runs; ready only while its database
/// answers, its bus is connected and the outbox keeps up. The broker is taken away by cutting the node's connection
/// through a relay (other tests on the same broker are not disturbed) and given back.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_node_is_not_ready_while_the_broker_is_away_and_ready_again_once_it_is_back()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var database = $"tongban_test_{suffix}";
        var vhost = $"tongban-test-{suffix}";
        var connectionString = await Substrate.CreateDatabaseAsync(database);
        await Substrate.CreateVirtualHostAsync(vhost);
        await using var broker = new TcpProxy(Substrate.RabbitMq.Host, Substrate.RabbitMq.Port);
        broker.Start();
        try
        {
            var environment = new Dictionary<string, string>(Substrate.RabbitMqSettings(vhost))
            {
                ["DOTNET_ENVIRONMENT"] = "Distributed",
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Tongban"] = connectionString,
                ["RabbitMq__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                // The watchdog would end the process after 30 s without a broker; this test watches readiness instead.
                ["Bus__UnhealthyExitAfter"] = "00:00:00",
            };
            await using (var migrate = new ServiceProcess("migrate", RepoPaths.GatewayDll, environment, "migrate", "--seed-demo"))
            {
                await migrate.StartAsync("migrate: done");
            }

            var health = new Uri($"http://127.0.0.1:{Ports.Free()}");
            environment["Health__Urls"] = health.ToString();
            await using var node = new ServiceProcess("township-node", RepoPaths.NodeDll, environment, "--Node:Roles=township");
            await node.StartAsync();
            using var http = new HttpClient { BaseAddress = health, Timeout = TimeSpan.FromSeconds(10) };

            var ready = await WaitForAsync(http, "/health/ready", HttpStatusCode.OK);
            Assert.Equal("Healthy", ready["checks"]!["database"]!["status"]!.GetValue<string>());
            Assert.Equal("Healthy", ready["checks"]!["outbox"]!["status"]!.GetValue<string>());
            Assert.Contains(ready["checks"]!.AsObject(), c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase));

            broker.Stop();
            var down = await WaitForAsync(http, "/health/ready", HttpStatusCode.ServiceUnavailable);
            Assert.Contains(down["checks"]!.AsObject(), c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase) && c.Value!["status"]!.GetValue<string>() != "Healthy");
            Assert.Equal("Healthy", down["checks"]!["database"]!["status"]!.GetValue<string>());
            // Alive all the same: a supervisor must not restart a process for its broker's absence.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

            broker.Start();
            await WaitForAsync(http, "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        }
        finally
        {
            await Substrate.DropDatabaseAsync(database);
            await Substrate.DeleteVirtualHostAsync(vhost);
        }
    }

    private static async Task<JsonObject> WaitForAsync(HttpClient http, string path, HttpStatusCode status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(path);
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == status) return JsonNode.Parse(last)!.AsObject();
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{path} did not answer {(int)status} in time; last answer: {last}");
    }
}
