using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongban.Browser.Tests.Infrastructure;

namespace Tongban.Browser.Tests;

/// <summary>
/// The API's body limit on the real server (Kestrel; the in-process test server has none): an oversized request is
/// 413 ProblemDetails before anything is read or written.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private GatewayServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new GatewayServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_nothing_is_written()
    {
        var api = await _server.ApiAsync("dongmen.clerk");
        var before = await _server.WithDbAsync(db => db.Cases.CountAsync());

        // A well-formed intake whose applicant name alone is 300 KB.
        var json = $$"""{"itemCode":"QS-MZ-001","mode":"ProxyIntake","registrationTownshipId":"hexi","applicant":{"name":"{{new string('李', 100_000)}}","idNumber":"11010519491231002X","phone":"13800138000"},"materials":["ID","HUKOU","FORM"]}""";
        using var response = await api.PostAsync("/api/cases", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await _server.WithDbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task A_body_under_the_limit_is_read_and_refused_by_field()
    {
        var api = await _server.ApiAsync("dongmen.clerk");
        var json = $$"""{"itemCode":"QS-MZ-001","mode":"ProxyIntake","registrationTownshipId":"hexi","applicant":{"name":"{{new string('李', 51)}}","idNumber":"11010519491231002X","phone":"13800138000"},"materials":["ID","HUKOU","FORM"]}""";
        using var response = await api.PostAsync("/api/cases", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("applicant.name", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
