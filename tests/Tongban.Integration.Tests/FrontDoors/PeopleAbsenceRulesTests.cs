using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Integration.Tests.People;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.FrontDoors;

/// <summary>
/// The absence register's input rules: a cover acts with the A holder's authority, so only staff of the post's
/// own unit may be named (400 naming <c>coverStaffId</c> otherwise) and the audit record says who named whom;
/// absences outside 2000–2100 or longer than a year are 400 naming the field.
/// </summary>
public sealed class PeopleAbsenceRulesTests : IAsyncLifetime
{
    private const string WindowPost = "dongmen-window";
    private readonly EmbeddedApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Only_staff_of_the_posts_own_unit_may_be_named_as_cover_and_the_audit_says_who_named_whom()
    {
        var head = await _app.LoginAsync("dongmen.head");
        Assert.Equal(HttpStatusCode.Created, (await head.RegisterAbsenceAsync(WindowPost, "dongmen.clerk", "2027-03-01", "2027-03-05")).StatusCode);

        // Another community's clerk, another township's back office, the auditor, nobody: all refused, nothing written.
        foreach (var stranger in new[] { "xijie.clerk", "shiqiao.backoffice", "bureau.auditor", "nobody.at.all" })
        {
            var refused = await head.RegisterAbsenceAsync(WindowPost, "dongmen.clerk2", "2027-03-03", "2027-03-04", cover: stranger);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True(ErrorsOf(await ProblemAsync(refused)).ContainsKey("coverStaffId"), stranger);
        }

        // The community's own specialist covers the window while both its clerks are away.
        var registered = await head.RegisterAbsenceAsync(WindowPost, "dongmen.clerk2", "2027-03-03", "2027-03-04", cover: "dongmen.specialist");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("dongmen.specialist", JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["coverStaffId"]!.GetValue<string>());

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        Assert.Equal(2, await db.PostAbsences.CountAsync());
        var audit = await db.AuditRecords.AsNoTracking().Where(r => r.Action == "post.RegisterAbsence").ToListAsync();
        var named = Assert.Single(audit, r => r.Detail!.Contains("cover", StringComparison.Ordinal));
        Assert.Equal("dongmen.head", named.ActorId);
        Assert.Contains("dongmen.clerk2", named.Detail, StringComparison.Ordinal);
        Assert.Contains("cover dongmen.specialist named by dongmen.head", named.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1999-12-31", "2000-01-02", "from")]
    [InlineData("2100-12-30", "2101-01-01", "to")]
    [InlineData("2027-01-01", "2028-01-01", "to")]
    [InlineData("2027-03-10", "2027-03-09", "to")]
    [InlineData("2027-13-01", "2027-03-09", "from")]
    public async Task Absences_before_2000_after_2100_or_longer_than_a_year_are_400_naming_the_field(string from, string to, string field)
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var refused = await clerk.RegisterAbsenceAsync(WindowPost, null, from, to);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(ErrorsOf(await ProblemAsync(refused)).ContainsKey(field), await refused.Content.ReadAsStringAsync());

        // A year less a day is the longest one registration may be.
        Assert.Equal(HttpStatusCode.Created, (await clerk.RegisterAbsenceAsync(WindowPost, null, "2030-01-01", "2030-12-31")).StatusCode);
    }

    private static JsonObject ErrorsOf(JsonObject problem) => problem["errors"]!.AsObject();
}
