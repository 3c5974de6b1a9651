using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// The staff pages as a browser uses them, without the browser: signed in through /login with the session cookie,
/// forms posted with the antiforgery token of the page they came from, redirects not followed (so a test sees them).
/// </summary>
public sealed partial class PageClient
{
    private const string AntiforgeryField = "__af";

    private PageClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static async Task<PageClient> LoginAsync(EmbeddedApp app, string username)
    {
        var client = new PageClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var login = await client.GetPageAsync("/login");
        var response = await client.PostFormAsync("/login", login, [new("username", username), new("password", StaffClient.DemoPassword)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login as {username}: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A browser that has not signed in.</summary>
    public static PageClient Anonymous(EmbeddedApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A page's HTML; insists it was served (200).</summary>
    public async Task<string> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return html;
    }

    /// <summary>Posts a form as the browser would after <paramref name="fromPage"/> was shown (its antiforgery token added).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, string fromPage, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(url, new FormUrlEncodedContent([.. fields, new(AntiforgeryField, InputValue(fromPage, AntiforgeryField)!)]));

    /// <summary>The value of the first input named <paramref name="name"/> (hidden or typed into), or null.</summary>
    public static string? InputValue(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains($"name=\"{name}\"", StringComparison.Ordinal)) continue;
            var value = ValueAttribute().Match(tag);
            return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
        }

        return null;
    }

    /// <summary>The text of the element with this id (e.g. a field's error line), decoded; empty when absent or empty.</summary>
    public static string TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"<(\\w+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[2].Value, "<[^>]+>", "")).Trim() : "";
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
