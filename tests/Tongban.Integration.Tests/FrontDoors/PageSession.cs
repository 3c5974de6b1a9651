using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Tongban.Integration.Tests.Infrastructure;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// A staff member at the staff pages: signed in through the login form (with its antiforgery token), the session
/// cookie kept by the client; pages read back as HTML and picked apart by the ids the pages give their parts.
/// </summary>
public sealed partial class PageSession(HttpClient http)
{
    /// <summary>The antiforgery form field as the gateway names it.</summary>
    private const string AntiforgeryField = "__af";

    public HttpClient Http { get; } = http;

    public static async Task<PageSession> LoginAsync(EmbeddedApp app, string username)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await http.GetStringAsync("/login");
        var token = Token().Match(form);
        Assert.True(token.Success, "no antiforgery token on the login form");
        var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = StaffClient.DemoPassword,
            [AntiforgeryField] = token.Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new PageSession(http);
    }

    public async Task<string> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The ids of the cases linked from the table with this id, in order.</summary>
    public static List<Guid> CaseIdsIn(string html, string tableId)
    {
        var table = Table(html, tableId);
        return [.. CaseLink().Matches(table).Select(m => Guid.Parse(m.Groups[1].Value))];
    }

    /// <summary>The text of the cell data-col=<paramref name="column"/> in the row data-key=<paramref name="key"/> of a table.</summary>
    public static int Cell(string html, string tableId, string key, string column)
    {
        var table = Table(html, tableId);
        var row = Regex.Match(table, $"<tr data-key=\"{Regex.Escape(key)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row {key} in #{tableId}");
        var cell = Regex.Match(row.Groups[1].Value, $"data-col=\"{column}\">(?:<a [^>]*>)?\\s*(\\d+)", RegexOptions.Singleline);
        Assert.True(cell.Success, $"no cell {column} in row {key} of #{tableId}");
        return int.Parse(cell.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The number shown in the element with this id.</summary>
    public static int Number(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\">\\s*(\\d+)");
        Assert.True(match.Success, $"no #{id}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Table(string html, string id)
    {
        var start = html.IndexOf($"<table id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table #{id}");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<input[^>]*name=\"" + AntiforgeryField + "\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"/cases/([0-9a-f-]{36})\"")]
    private static partial Regex CaseLink();
}
