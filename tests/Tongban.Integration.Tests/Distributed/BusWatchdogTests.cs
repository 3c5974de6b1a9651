namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// A node whose bus cannot recover ends itself so that its supervisor starts a fresh one, instead of sitting
/// without consumers while its queues fill (what MassTransit 8.4 sometimes does after a broker restart).
/// </summary>
public sealed class BusWatchdogTests
{
    [Fact]
    public async Task A_node_whose_bus_stays_unhealthy_exits_with_code_70()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var database = $"tongban_test_{suffix}";
        var vhost = $"tongban-test-{suffix}";
        var connectionString = await Substrate.CreateDatabaseAsync(database);
        await Substrate.CreateVirtualHostAsync(vhost);
        try
        {
            var rabbit = Substrate.RabbitMq;
            var user = Uri.UnescapeDataString(rabbit.UserInfo).Split(':');
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Distributed",
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Tongban"] = connectionString,
                ["Bus__Transport"] = "RabbitMq",
                ["RabbitMq__Host"] = rabbit.Host,
                ["RabbitMq__Port"] = rabbit.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RabbitMq__VirtualHost"] = vhost,
                ["RabbitMq__Username"] = user[0],
                ["RabbitMq__Password"] = user.Length > 1 ? user[1] : "",
                ["Bus__UnhealthyExitAfter"] = "00:00:05",
            };
            await using (var migrate = new ServiceProcess("migrate", RepoPaths.GatewayDll, environment, "migrate", "--seed-demo"))
            {
                await migrate.StartAsync("migrate: done");
            }

            await using var node = new ServiceProcess("township-node", RepoPaths.NodeDll, environment, "--Node:Roles=township");
            await node.StartAsync();

            // The broker drops the node's connection and will not let it back in: the bus cannot recover.
            await Substrate.DeleteVirtualHostAsync(vhost);

            Assert.Equal(70, await node.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains(node.Output, line => line.Contains("stopping so the supervisor starts a fresh process", StringComparison.Ordinal));
        }
        finally
        {
            await Substrate.DropDatabaseAsync(database);
            await Substrate.DeleteVirtualHostAsync(vhost);
        }
    }
}
