using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.People;

/// <summary>Steps the people-rules tests share.</summary>
internal static class PeopleApi
{
    public const string HexiPost = "hexi-backoffice";

    public static Task<HttpResponseMessage> RegisterAbsenceAsync(this StaffClient staff, string postId, string? staffId, string from, string to, string? cover = null) =>
        staff.Http.PostAsJsonAsync($"/api/posts/{postId}/absences", new { staffId, from, to, coverStaffId = cover });

    public static async Task<JsonArray> GetArrayAsync(this StaffClient staff, string url)
    {
        var response = await staff.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{staff.Username} GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    public static async Task<JsonObject> GetObjectAsync(this StaffClient staff, string url)
    {
        var response = await staff.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{staff.Username} GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Intake at dongmen, forwarded by the specialist, waiting for hexi to sign for it.</summary>
    public static async Task<Guid> CaseAwaitingSignForAsync(EmbeddedApp app, object? intake = null)
    {
        var clerk = await app.LoginAsync("dongmen.clerk");
        var specialist = await app.LoginAsync("dongmen.specialist");
        var id = IdOf(await clerk.OpenCaseAsync(intake));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await specialist.WaitForStateAsync(id, "AwaitingSignFor");
        return id;
    }

    public static async Task<List<JsonNode>> WaitForNotificationsAsync(this StaffClient staff, string kind, Guid caseId, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var rows = (await staff.GetArrayAsync("/api/notifications")).Where(n => n!["kind"]!.GetValue<string>() == kind && n["caseId"]!.GetValue<Guid>() == caseId).Select(n => n!).ToList();
            if (rows.Count >= count || DateTime.UtcNow > deadline) return rows;
            await Task.Delay(100);
        }
    }
}
