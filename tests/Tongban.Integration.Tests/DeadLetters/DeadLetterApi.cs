using System.Net;
using System.Text.Json.Nodes;

namespace Tongban.Integration.Tests.DeadLetters;

/// <summary>The dead-letter API as the bureau uses it, shared by the embedded and the distributed tests.</summary>
internal static class DeadLetterApi
{
    public static async Task<JsonArray> ListAsync(StaffClient staff, string? status = null)
    {
        var response = await staff.Http.GetAsync(status is null ? "/api/dead-letters" : $"/api/dead-letters?status={status}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{staff.Username} list dead letters: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    /// <summary>Waits until the case's hand-off is listed as an open dead letter (after the receiver's retries).</summary>
    public static async Task<JsonObject> WaitForOpenAsync(StaffClient staff, Guid caseId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var open = (await ListAsync(staff, "Open")).Select(d => d!.AsObject()).FirstOrDefault(d => d["caseId"]!.GetValue<Guid>() == caseId);
            if (open is not null) return open;
            await Task.Delay(100);
        }

        throw new TimeoutException($"no open dead letter for case {caseId} within {timeout}");
    }

    public static Task<HttpResponseMessage> ReplayAsync(StaffClient staff, Guid deadLetterId) =>
        staff.Http.PostAsync($"/api/dead-letters/{deadLetterId}/replay", null);

    /// <summary>Receives that put the case at the township (AwaitingSignFor): exactly one if the hand-off applied once.</summary>
    public static int TownshipReceives(JsonObject c) =>
        c["history"]!.AsArray().Count(h => h!["action"]!.GetValue<string>() == "Receive" && h["toState"]!.GetValue<string>() == "AwaitingSignFor");
}
