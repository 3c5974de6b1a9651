using System.Text;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>One case is one trace across the gateway and the nodes; no ID number, phone or name leaves in spans, metrics or logs.</summary>
[Collection(DistributedCollection.Name)]
public sealed class TracingTests(DistributedCounty county)
{
    [Fact]
    public async Task Intake_specialist_and_township_are_one_trace_across_processes_without_personal_data()
    {
        const string idNumber = "440106199003070036";
        const string phone = "13912345678";
        var clerk = await county.LoginAsync("dongmen.clerk");
        var specialist = await county.LoginAsync("dongmen.specialist");
        var township = await county.LoginAsync("shiqiao.backoffice");
        var body = new
        {
            itemCode = "QS-MZ-001",
            mode = "ProxyIntake",
            applicant = new { name = "赵奶奶", idNumber, phone },
            registrationTownshipId = "shiqiao",
            materials = new[] { "ID", "HUKOU", "FORM" },
        };
        var id = IdOf(await clerk.OpenCaseAsync(body));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");

        var caseSpans = await WaitForAsync(() => county.Traces.Spans.Where(s => s.Attributes.TryGetValue("tongban.case.id", out var v) && v == id.ToString()).ToList(), spans => spans.Any(s => s.Service == "tongban-node-township"));
        var traceIds = caseSpans.Select(s => s.TraceId).Distinct().ToList();
        Assert.Single(traceIds);
        var trace = await WaitForAsync(() => county.Traces.Spans.Where(s => s.TraceId == traceIds[0]).ToList(), spans => spans.Any(s => s.Service == "tongban-node-township" && s.Name.Contains("process", StringComparison.Ordinal)));
        var seen = string.Join("\n", trace.Select(s => $"{s.Service}: {s.Name}")) + "\n--- case spans:\n" + string.Join("\n", caseSpans.Select(s => $"{s.Service}: {s.Name} {s.TraceId} {s.SpanId} <- {s.ParentSpanId}"));
        Assert.True(trace.Any(s => s.Service == "tongban-gateway" && s.Name == "case Intake"), seen);
        Assert.True(trace.Any(s => s.Service == "tongban-gateway" && s.Name == "case Forward"), seen);
        Assert.True(trace.Any(s => s.Service == "tongban-node-specialist" && s.Name == "case Receive"), seen);
        Assert.True(trace.Any(s => s.Service == "tongban-node-township" && s.Name == "case Receive"), seen);
        // MassTransit's own send and consume spans are in the same trace: the hand-off itself is traced.
        Assert.True(trace.Any(s => s.Service == "tongban-node-township" && s.Name.Contains("process", StringComparison.Ordinal)), seen);

        // Every export — spans, metric points, log records — goes through the same receiver and the same check.
        await WaitForAsync(() => county.Traces.Logs.Count, n => n > 0);
        Assert.NotEmpty(county.Traces.Logs);
        Assert.NotEmpty(county.Traces.Metrics);
        foreach (var payload in county.Traces.Payloads)
        {
            var text = Encoding.UTF8.GetString(payload);
            Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain("赵奶奶", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(county.AllOutput, line => line.Contains(idNumber, StringComparison.Ordinal) || line.Contains(phone, StringComparison.Ordinal));
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }
}
