using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Testing;
using Xunit.Abstractions;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>
/// The largest accepted inputs, 20 at a time: intakes with every text at its maximum (authorisation scope and
/// agent, name), consultations with the longest note, then 20 parallel reads of those cases with their
/// timelines. The gateway's peak resident memory (VmHWM) goes into docs/security.md; the assertion is loose.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class MemoryTests(SuiteCounty county, ITestOutputHelper output)
{
    private const int Parallel = 20;

    [Fact]
    public async Task Twenty_parallel_requests_with_the_largest_accepted_fields_keep_the_gateway_small()
    {
        var pid = county.Gateway.Pid!.Value;
        var before = ProcStat.PeakRssMb(pid)!.Value;
        var clerks = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => county.LoginAsync("dongmen.clerk")));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var intakes = await Task.WhenAll(clerks.Select(c => c.Http.PostAsJsonAsync("/api/cases", new
        {
            itemCode = "QS-MZ-001", mode = "ProxyIntake", registrationTownshipId = "baisha", materials = new[] { "ID", "HUKOU", "FORM" },
            applicant = new { name = new string('李', UseCases.Intake.OpenCase.MaxNameLength), idNumber = ValidIdNumber, phone = ValidPhone },
            channel = "DoorToDoor",
            authorisation = new { agent = new string('王', UseCases.Intake.OpenCase.MaxAgentLength), scope = new string('代', UseCases.Intake.OpenCase.MaxScopeLength), signedOn = today },
        })));
        var texts = await Task.WhenAll(intakes.Select(r => r.Content.ReadAsStringAsync()));
        Assert.True(intakes.All(r => r.IsSuccessStatusCode), string.Join("\n", texts.Take(3)));
        var consultations = await Task.WhenAll(clerks.Select(c => c.Http.PostAsJsonAsync("/api/consultations", new { itemCode = "QS-MZ-001", channel = "InPerson", note = new string('注', UseCases.FirstContact.RecordConsultation.MaxNoteLength) })));
        Assert.All(consultations, r => Assert.True(r.IsSuccessStatusCode));

        var ids = texts.Select(t => JsonNode.Parse(t)!["id"]!.GetValue<Guid>()).ToList();
        for (var round = 0; round < 5; round++)
        {
            var reads = await Task.WhenAll(clerks.Select((c, i) => c.Http.GetAsync($"/api/cases/{ids[i]}/timeline")));
            Assert.All(reads, r => Assert.True(r.IsSuccessStatusCode));
        }

        var peak = ProcStat.PeakRssMb(pid)!.Value;
        output.WriteLine(SecurityFigures.Record("e. Memory under the largest accepted inputs", [
            new($"gateway peak RSS (VmHWM) before: {before:F0} MB, after {Parallel} parallel largest intakes + {Parallel} consultations + 5 × {Parallel} parallel case reads: {peak:F0} MB", Parallel * 7, Parallel * 7, 0, 0, "limit 300 MB"),
        ]));
        Assert.True(peak < 600, $"peak RSS {peak:F0} MB");
    }
}
