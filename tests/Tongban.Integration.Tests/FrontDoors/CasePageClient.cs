using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// The case page as one signed-in staff member uses it without a browser: signs in through /login (session
/// cookie), reads the page's HTML and posts its forms with the antiforgery token, redirects not followed.
/// </summary>
public sealed partial class CasePageClient(HttpClient http, string username)
{
    public string Username { get; } = username;

    public static async Task<CasePageClient> LoginAsync(EmbeddedApp app, string username)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = TokenIn(await http.GetStringAsync("/login"));
        var response = await http.PostAsync("/login", Form([("username", username), ("password", StaffClient.DemoPassword), ("__af", token)]));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"page login as {username}: {(int)response.StatusCode}");
        return new CasePageClient(http, username);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(Guid caseId)
    {
        var response = await http.GetAsync($"/cases/{caseId}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The case page's HTML; it must be shown to this person.</summary>
    public async Task<string> HtmlAsync(Guid caseId)
    {
        var (status, html) = await GetAsync(caseId);
        Assert.True(status == HttpStatusCode.OK, $"{Username} GET /cases/{caseId}: {(int)status}");
        return html;
    }

    /// <summary>The version the page shows in its forms' hidden field (what a clerk submits with the form).</summary>
    public async Task<int> VersionShownAsync(Guid caseId) => int.Parse(VersionField().Match(await HtmlAsync(caseId)).Groups[1].Value);

    /// <summary>Posts a form of the case page to its handler (Act, Decide, Reveal, …) with a fresh antiforgery token.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostAsync(Guid caseId, string handler, params (string Name, string Value)[] fields)
    {
        // Any rendered page carries a token for this session; the login page renders for a signed-in person given a return URL.
        var token = TokenIn(await http.GetStringAsync("/login?returnUrl=%2F"));
        var response = await http.PostAsync($"/cases/{caseId}?handler={handler}", Form([.. fields, ("__af", token)]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text of the element with this id (tags stripped), or null when the page has none.</summary>
    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"<(\\w+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Tags().Replace(match.Groups[2].Value, "")).Trim() : null;
    }

    private static string TokenIn(string html) => WebUtility.HtmlDecode(Token().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the page"));

    private static FormUrlEncodedContent Form(IEnumerable<(string Name, string Value)> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    [GeneratedRegex("<input[^>]*name=\"__af\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
