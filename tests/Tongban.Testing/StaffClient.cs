using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tongban.Testing;

/// <summary>The HTTP API as one signed-in staff member of the demo county uses it. A call that should have worked and did not throws.</summary>
public sealed class StaffClient(HttpClient http, string username) : IDisposable
{
    /// <summary>Every demo account's password (data/demo-county.json).</summary>
    public const string DemoPassword = "Tongban@2026";
    public const string ValidIdNumber = "11010519491231002X";
    public const string ValidPhone = "13800138000";

    public string Username { get; } = username;
    public HttpClient Http { get; } = http;

    /// <summary>Signs in and keeps the bearer token on the given client (one client per staff member).</summary>
    public static async Task<StaffClient> LoginAsync(HttpClient http, string username)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { username, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new StaffClient(http, username);
    }

    public static object IntakeBody(string itemCode = "QS-MZ-001", string township = "hexi", string[]? materials = null, string idNumber = ValidIdNumber, string mode = "ProxyIntake", string applicant = "李大爷", string[]? deferred = null) => new
    {
        itemCode,
        mode,
        applicant = new { name = applicant, idNumber, phone = ValidPhone },
        registrationTownshipId = township,
        materials = materials ?? ["ID", "HUKOU", "FORM"],
        deferredMaterials = deferred ?? [],
    };

    public async Task<JsonObject> OpenCaseAsync(object? body = null)
    {
        var response = await Http.PostAsJsonAsync("/api/cases", body ?? IntakeBody());
        var text = await response.Content.ReadAsStringAsync();
        Ensure(response.StatusCode == HttpStatusCode.Created, $"intake failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public Task<HttpResponseMessage> ActAsync(Guid caseId, string action, object? body = null, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/{action}") { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return Http.SendAsync(request);
    }

    /// <summary>Acts and insists it worked; returns the case as the API answered.</summary>
    public async Task<JsonObject> DoAsync(Guid caseId, string action, object? body = null)
    {
        var response = await ActAsync(caseId, action, body);
        var text = await response.Content.ReadAsStringAsync();
        Ensure(response.IsSuccessStatusCode, $"{Username} {action}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> GetCaseAsync(Guid caseId)
    {
        var response = await Http.GetAsync($"/api/cases/{caseId}");
        var text = await response.Content.ReadAsStringAsync();
        Ensure(response.IsSuccessStatusCode, $"get case: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Hand-offs are asynchronous: wait until the receiving node has taken the case.</summary>
    public async Task<JsonObject> WaitForStateAsync(Guid caseId, string state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        JsonObject current;
        do
        {
            current = await GetCaseAsync(caseId);
            if (current["state"]!.GetValue<string>() == state) return current;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"case {caseId} stayed in {current["state"]} instead of reaching {state}");
    }

    public static Guid IdOf(JsonObject c) => c["id"]!.GetValue<Guid>();

    public static string StateOf(JsonObject c) => c["state"]!.GetValue<string>();

    public static List<(string Action, string ActorId)> HistoryOf(JsonObject c) =>
        [.. c["history"]!.AsArray().Select(h => (h!["action"]!.GetValue<string>(), h["actorId"]!.GetValue<string>()))];

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public void Dispose() => Http.Dispose();

    private static void Ensure(bool worked, string failure)
    {
        if (!worked) throw new HttpRequestException(failure);
    }
}
