using System.Net;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.DeadLetters;

/// <summary>
/// Embedded (in-memory bus, SQLite): a hand-off the township cannot receive — its back-office post was moved to a
/// wrong jurisdiction in the post register — ends as a dead letter the bureau sees; after the fix, one replay
/// brings the case to the township exactly once, and a second replay is refused.
/// </summary>
public sealed class EmbeddedDeadLetterTests : IAsyncLifetime
{
    private const string Township = "shiqiao";
    private const string Misplaced = "shiqiao-retired";

    // Short retries: the test waits for them to run out.
    // The back-office post is moved in the database directly (as another process would): no cached post assignments.
    private readonly EmbeddedApp _app = new() { Settings = { ["Bus:RetryIntervals"] = "20,20", ["Auth:PostCacheSeconds"] = "0" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_hand_off_the_township_cannot_receive_is_listed_replayed_once_and_not_twice()
    {
        var clerk = await _app.LoginAsync("nanhu.clerk");
        var specialist = await _app.LoginAsync("nanhu.specialist");
        var township = await _app.LoginAsync($"{Township}.backoffice");
        var bureau = await _app.LoginAsync("bureau.supervisor");
        var admin = await _app.LoginAsync("county.admin");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: Township)));
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        await MoveBackOfficePostAsync(Township, Misplaced);
        await specialist.DoAsync(id, "forward");
        var letter = await DeadLetterApi.WaitForOpenAsync(bureau, id, TimeSpan.FromSeconds(30));

        Assert.Equal($"township-{Township}", letter["destinationQueue"]!.GetValue<string>());
        Assert.Equal("Forward", letter["action"]!.GetValue<string>());
        Assert.Equal("System.InvalidOperationException", letter["exceptionType"]!.GetValue<string>());
        Assert.Contains($"No BackOffice post in jurisdiction {Township}", letter["exceptionMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, letter["faultCount"]!.GetValue<int>());
        var listed = (await DeadLetterApi.ListAsync(bureau)).ToJsonString();
        Assert.DoesNotContain(ValidIdNumber, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("李大爷", listed, StringComparison.Ordinal);
        Assert.Equal("ForwardedToTownship", StateOf(await clerk.GetCaseAsync(id)));

        // The administrator sees it too; a township clerk does not, and may not replay it.
        Assert.Contains((await DeadLetterApi.ListAsync(admin, "Open")), d => d!["caseId"]!.GetValue<Guid>() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.Http.GetAsync("/api/dead-letters")).StatusCode);
        var letterId = letter["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Forbidden, (await DeadLetterApi.ReplayAsync(township, letterId)).StatusCode);

        await MoveBackOfficePostAsync(Misplaced, Township);
        var replay = await DeadLetterApi.ReplayAsync(bureau, letterId);
        Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
        var again = await DeadLetterApi.ReplayAsync(admin, letterId);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("bureau.supervisor", (await ProblemAsync(again))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var received = await township.WaitForStateAsync(id, "AwaitingSignFor");
        Assert.Equal(1, DeadLetterApi.TownshipReceives(received));
        var replayed = Assert.Single(await DeadLetterApi.ListAsync(bureau, "Replayed"), d => d!["id"]!.GetValue<Guid>() == letterId)!;
        Assert.Equal("bureau.supervisor", replayed["replayedBy"]!.GetValue<string>());
        Assert.Equal(1, replayed["replayCount"]!.GetValue<int>());
        Assert.Empty(await DeadLetterApi.ListAsync(bureau, "Open"));

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var audit = await db.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.DeadLetterReplay).ToListAsync();
        Assert.Single(audit, a => a.CaseId == id && a.ActorId == "bureau.supervisor" && a.Outcome == AuditOutcomes.Ok);
        Assert.Single(audit, a => a.ActorId == $"{Township}.backoffice" && a.Outcome == AuditOutcomes.Denied);
        await township.DoAsync(id, "sign-for");
    }

    [Fact]
    public async Task The_status_filter_is_validated()
    {
        var bureau = await _app.LoginAsync("bureau.supervisor");
        Assert.Equal(HttpStatusCode.BadRequest, (await bureau.Http.GetAsync("/api/dead-letters?status=Lost")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DeadLetterApi.ReplayAsync(bureau, Guid.NewGuid())).StatusCode);
    }

    /// <summary>A misconfiguration as an administrator might make it: the township's back-office post filed under another jurisdiction.</summary>
    private async Task MoveBackOfficePostAsync(string from, string to)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var moved = await db.Posts.Where(p => p.JurisdictionId == from && p.Role == PostRole.BackOffice)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.JurisdictionId, to));
        Assert.Equal(1, moved);
    }
}
