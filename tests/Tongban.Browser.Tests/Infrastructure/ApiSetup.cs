using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>Sets cases up through the HTTP API (faster than the pages where the pages are not what is tested).</summary>
public static class ApiSetup
{
    public const string IdNumber = "11010519491231002X";

    public sealed record OpenedCase(Guid Id, string Number);

    public static async Task<OpenedCase> OpenAsync(HttpClient clerk, string township, string itemCode = "QS-MZ-001", string[]? materials = null, string[]? deferred = null)
    {
        var response = await clerk.PostAsJsonAsync("/api/cases", new
        {
            itemCode,
            mode = "ProxyIntake",
            applicant = new { name = "张秀英", idNumber = IdNumber, phone = "13800138000" },
            registrationTownshipId = township,
            materials = materials ?? ["ID", "HUKOU", "FORM"],
            deferredMaterials = deferred ?? [],
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"intake: {(int)response.StatusCode} {text}");
        var body = JsonNode.Parse(text)!;
        return new OpenedCase(body["id"]!.GetValue<Guid>(), body["number"]!.GetValue<string>());
    }

    public static async Task ActAsync(HttpClient staff, Guid caseId, string action, object? body = null)
    {
        var response = await staff.PostAsJsonAsync($"/api/cases/{caseId}/{action}", body ?? new { });
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task WaitForStateAsync(HttpClient staff, Guid caseId, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var body = JsonNode.Parse(await staff.GetStringAsync($"/api/cases/{caseId}"))!;
            if (body["state"]!.GetValue<string>() == state) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"case {caseId} is {body["state"]}, not {state}");
            await Task.Delay(100);
        }
    }

    /// <summary>Intake at 东门社区 and forward by its specialist: the case waits for the township to sign for it.</summary>
    public static async Task<OpenedCase> AtTownshipAsync(GatewayServer server, string township, string itemCode = "QS-MZ-001", string[]? materials = null, string[]? deferred = null)
    {
        using var clerk = await server.ApiAsync("dongmen.clerk");
        using var specialist = await server.ApiAsync("dongmen.specialist");
        var opened = await OpenAsync(clerk, township, itemCode, materials, deferred);
        await WaitForStateAsync(specialist, opened.Id, "AtSpecialist");
        await ActAsync(specialist, opened.Id, "forward");
        await WaitForStateAsync(specialist, opened.Id, "AwaitingSignFor");
        return opened;
    }
}
