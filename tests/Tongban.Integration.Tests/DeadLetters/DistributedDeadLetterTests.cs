using System.Net;
using Npgsql;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.DeadLetters;

/// <summary>
/// Distributed (RabbitMQ, PostgreSQL, separate node processes): the township node gives up on a hand-off, its
/// Fault is recorded by the bureau node, the gateway lists it and replays it through the outbox once the post
/// register is fixed; the township node receives the case exactly once.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed class DistributedDeadLetterTests(DistributedCounty county)
{
    private const string Township = "shiqiao";
    private const string Misplaced = "shiqiao-retired";

    [Fact]
    public async Task A_hand_off_the_township_node_cannot_receive_is_recorded_by_the_bureau_node_and_replayed_exactly_once()
    {
        var clerk = await county.LoginAsync("beiyuan.clerk");
        var specialist = await county.LoginAsync("beiyuan.specialist");
        var township = await county.LoginAsync($"{Township}.backoffice");
        var bureau = await county.LoginAsync("bureau.supervisor");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: Township)));
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        try
        {
            await MoveBackOfficePostAsync(Township, Misplaced);
            await specialist.DoAsync(id, "forward");
            var letter = await DeadLetterApi.WaitForOpenAsync(bureau, id, TimeSpan.FromSeconds(60));
            Assert.Equal($"township-{Township}", letter["destinationQueue"]!.GetValue<string>());
            Assert.Contains($"No BackOffice post in jurisdiction {Township}", letter["exceptionMessage"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("ForwardedToTownship", StateOf(await clerk.GetCaseAsync(id)));
            await county.IntakeNode.WaitForLineAsync($"of case {id} to township-{Township} dead-lettered", TimeSpan.FromSeconds(10));

            await MoveBackOfficePostAsync(Misplaced, Township);
            var letterId = letter["id"]!.GetValue<Guid>();
            var replay = await DeadLetterApi.ReplayAsync(bureau, letterId);
            Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Conflict, (await DeadLetterApi.ReplayAsync(bureau, letterId)).StatusCode);

            var received = await township.WaitForStateAsync(id, "AwaitingSignFor");
            Assert.Equal(1, DeadLetterApi.TownshipReceives(received));
            Assert.DoesNotContain(await DeadLetterApi.ListAsync(bureau, "Open"), d => d!["caseId"]!.GetValue<Guid>() == id);
            await township.DoAsync(id, "sign-for");
        }
        finally
        {
            await MoveBackOfficePostAsync(Misplaced, Township, mustMove: false);
        }
    }

    private async Task MoveBackOfficePostAsync(string from, string to, bool mustMove = true)
    {
        await using var connection = new NpgsqlConnection(county.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""UPDATE posts SET "JurisdictionId" = @to WHERE "JurisdictionId" = @from AND "Role" = 'BackOffice'""", connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var moved = await command.ExecuteNonQueryAsync();
        if (mustMove) Assert.Equal(1, moved);
    }
}
