using System.Net.Http.Json;
using System.Text;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>
/// The engine's metrics, as an operations team's collector receives them over OTLP from the gateway and the nodes
/// after a case's whole route: transitions by action and item, the hand-off latency histogram, the outbox backlog,
/// open cases by unit, item and colour. No label and no log record carries personal data.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class EngineMetricsTests(DistributedCounty county)
{
    private static readonly HashSet<string> AllowedLabels = ["action", "item", "unit", "colour"];

    [Fact]
    public async Task After_a_whole_route_the_collector_has_transitions_hand_off_latency_and_outbox_backlog_without_personal_data()
    {
        const string idNumber = "330102198806150018";
        const string phone = "13755556666";
        const string name = "钱阿婆";
        var clerk = await county.LoginAsync("xijie.clerk");
        var specialist = await county.LoginAsync("xijie.specialist");
        var township = await county.LoginAsync("longtan.backoffice");

        var id = IdOf(await clerk.OpenCaseAsync(new
        {
            itemCode = "QS-MZ-001",
            mode = "ProxyIntake",
            applicant = new { name, idNumber, phone },
            registrationTownshipId = "longtan",
            materials = new[] { "ID", "HUKOU", "FORM" },
        }));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "handle");
        await township.DoAsync(id, "decide", new { approved = true, text = "准予发放" });
        await clerk.WaitForStateAsync(id, "AwaitingDelivery");
        await clerk.DoAsync(id, "deliver", new { method = "Window" });
        await clerk.DoAsync(id, "archive");
        // A wrong password counts as a login failure (with no label: who tried is personal).
        using (var wrong = new HttpClient { BaseAddress = county.GatewayAddress })
        using (await wrong.PostAsJsonAsync("/api/auth/login", new { username = "xijie.clerk", password = "wrong" })) { }
        // A filter typed with an ID number: the request's span must not keep the query string.
        using (await clerk.Http.GetAsync($"/api/bureau/cases?q={idNumber}&phone={phone}")) { }

        var received = county.Traces;
        var archived = await WaitForAsync(() => Points("tongban.transitions").Where(p => p.Service == "tongban-gateway" && Label(p, "action") == "Archive" && Label(p, "item") == "QS-MZ-001").ToList(), points => points.Any(p => p.Value >= 1));
        Assert.NotEmpty(archived);
        var received1 = await WaitForAsync(() => Points("tongban.transitions").Where(p => p.Service == "tongban-node-township" && Label(p, "action") == "Receive").ToList(), points => points.Any(p => p.Value >= 1));
        Assert.NotEmpty(received1);

        // The specialist's forward, received at 龙潭乡 by the township node: commit to commit, in seconds.
        var latency = await WaitForAsync(() => Points("tongban.handoff.latency").Where(p => p.Service == "tongban-node-township" && Label(p, "action") == "Forward" && Label(p, "unit") == "longtan").ToList(), points => points.Any(p => p.Count >= 1));
        var last = latency.Last(p => p.Count >= 1);
        Assert.Equal("histogram", last.Kind);
        Assert.InRange(last.Sum / last.Count, 0, 30);

        var backlog = await WaitForAsync(() => Points("tongban.outbox.backlog").ToList(), points => points.Count > 0);
        Assert.All(backlog, p => Assert.True(p.Value >= 0));
        Assert.NotEmpty(await WaitForAsync(() => Points("tongban.outbox.oldest_age").ToList(), points => points.Count > 0));
        var open = await WaitForAsync(() => Points("tongban.cases.open").ToList(), points => points.Any(p => Label(p, "colour") == "green"));
        Assert.All(open, p => Assert.Contains(Label(p, "colour"), new[] { "green", "yellow", "red" }));

        var failures = await WaitForAsync(() => Points("tongban.login.failures").Where(p => p.Service == "tongban-gateway").ToList(), points => points.Any(p => p.Value >= 1));
        Assert.All(failures, p => Assert.Empty(p.Labels));

        // The runtime, ASP.NET Core and Npgsql instruments come along.
        Assert.Contains(received.Metrics, p => p.Metric == "http.server.request.duration" && p.Service == "tongban-gateway");
        Assert.Contains(received.Metrics, p => p.Metric.StartsWith("dotnet.", StringComparison.Ordinal));

        foreach (var point in received.Metrics.Where(p => p.Metric.StartsWith("tongban.", StringComparison.Ordinal)))
        {
            Assert.Subset(AllowedLabels, point.Labels.Keys.ToHashSet());
        }

        Assert.NotEmpty(received.Logs);
        Assert.DoesNotContain(received.Metrics, p => p.Labels.Values.Any(v => Personal(v, idNumber, phone, name)));
        Assert.DoesNotContain(received.Logs, l => Personal(l.Body, idNumber, phone, name) || l.Attributes.Values.Any(v => Personal(v, idNumber, phone, name)));
        Assert.DoesNotContain(received.Spans, s => s.Attributes.Values.Any(v => Personal(v, idNumber, phone, name)));
        foreach (var payload in received.Payloads)
        {
            var text = Encoding.UTF8.GetString(payload);
            Assert.False(Personal(text, idNumber, phone, name), "an OTLP export carries personal data");
        }
    }

    private IEnumerable<ReceivedMetricPoint> Points(string metric) => county.Traces.Metrics.Where(p => p.Metric == metric);

    private static string? Label(ReceivedMetricPoint point, string key) => point.Labels.GetValueOrDefault(key);

    private static bool Personal(string? text, params string[] data) => text is not null && data.Any(d => text.Contains(d, StringComparison.Ordinal));

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            value = read();
        }

        Assert.True(done(value), "the collector did not receive it within 30 s");
        return value;
    }
}
