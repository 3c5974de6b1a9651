using System.Text.Json;
using MassTransit;
using Npgsql;
using Tongban.Contracts;
using Tongban.Integration.Tests.Infrastructure;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>No lost and no doubled hand-off: a node killed mid-message, and a message delivered twice.</summary>
[Collection(DistributedCollection.Name)]
public sealed class CrashRecoveryTests(DistributedCounty county)
{
    [Fact]
    public async Task A_township_node_killed_after_receiving_a_case_and_before_handling_it_applies_it_once_after_restart()
    {
        var clerk = await county.LoginAsync("beiyuan.clerk");
        var specialist = await county.LoginAsync("beiyuan.specialist");
        var township = await county.LoginAsync("longtan.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "longtan")));
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        // Hold the case row, so the township node takes the message and then blocks inside its transaction.
        await using var blocker = new NpgsqlConnection(county.ConnectionString);
        await blocker.OpenAsync();
        await specialist.DoAsync(id, "forward");
        await using (var tx = await blocker.BeginTransactionAsync())
        {
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM cases WHERE \"Id\" = @id FOR UPDATE", blocker, tx))
            {
                lockRow.Parameters.AddWithValue("id", id);
                await lockRow.ExecuteNonQueryAsync();
            }

            await WaitUntilTownshipNodeIsBlockedAsync();
            await county.TownshipNode.KillAsync();
            await tx.RollbackAsync();
        }

        Assert.Equal("ForwardedToTownship", StateOf(await township.GetCaseAsync(id)));
        await county.StartNewTownshipNodeAsync();
        var received = await township.WaitForStateAsync(id, "AwaitingSignFor");

        var history = received["history"]!.AsArray();
        Assert.Single(history, h => h!["action"]!.GetValue<string>() == "Receive" && h["toState"]!.GetValue<string>() == "AwaitingSignFor");
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h!["sequence"]!.GetValue<int>()));
        await township.DoAsync(id, "sign-for");
    }

    [Fact]
    public async Task A_department_node_killed_while_taking_up_a_branch_task_takes_it_up_once_after_restart_and_the_join_fires_once()
    {
        var clerk = await county.LoginAsync("nanhu.clerk");
        var specialist = await county.LoginAsync("nanhu.specialist");
        var township = await county.LoginAsync("baisha.backoffice");
        var cjl = await county.LoginAsync("cjl.officer");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody("QS-CL-002", township: "baisha", materials: ["ID", "HUKOU", "DISABILITY_CERT", "FORM"])));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");

        // Hold the case row as soon as the fork has sent 县残联's task, so the department's node (in this county the
        // intake node also runs the department role) takes the message and then blocks inside its transaction; kill it there.
        await using var blocker = new NpgsqlConnection(county.ConnectionString);
        await blocker.OpenAsync();
        Assert.Equal("TownshipReview", StateOf(await township.DoAsync(id, "accept")));
        await using (var tx = await blocker.BeginTransactionAsync())
        {
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM cases WHERE \"Id\" = @id FOR UPDATE", blocker, tx))
            {
                lockRow.Parameters.AddWithValue("id", id);
                await lockRow.ExecuteNonQueryAsync();
            }

            await WaitUntilNodeIsBlockedAsync("intake-node");
            await county.IntakeNode.KillAsync();
            await tx.RollbackAsync();
        }

        var task = (await township.GetCaseAsync(id))["tasks"]!.AsArray().Single()!;
        Assert.Equal("InTransit", task["status"]!.GetValue<string>());
        await county.IntakeNode.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await township.GetCaseAsync(id))["tasks"]!.AsArray().Single()!["status"]!.GetValue<string>() != "Open")
        {
            Assert.True(DateTime.UtcNow < deadline, "the branch task was not taken up after the restart");
            await Task.Delay(100);
        }

        var taskId = task["id"]!.GetValue<Guid>();
        await township.DoAsync(id, "handle");
        var joined = await cjl.DoAsync(id, $"tasks/{taskId}/giveOpinion", new { agrees = true, text = "残疾等级核定为二级，符合补贴条件。" });

        Assert.Equal("Handling", StateOf(joined));
        var history = joined["history"]!.AsArray();
        Assert.Equal(["Accept", "Fork", "Receive", "Handle", "GiveOpinion", "Join"], history.Skip(5).Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h!["sequence"]!.GetValue<int>()));

        // After the join the case goes on to its end: the township decides, the result goes back to the window over
        // the bus, the window delivers it, records the evaluation and archives the case.
        await township.DoAsync(id, "decide", new { approved = true, text = "经乡镇审核、县残联出具意见，准予发放两项补贴。" });
        await clerk.WaitForStateAsync(id, "AwaitingDelivery");
        await clerk.DoAsync(id, "deliver", new { method = "Window" });
        await clerk.DoAsync(id, "evaluate", new { level = 1 });
        var archived = await clerk.DoAsync(id, "archive");

        Assert.Equal("Archived", StateOf(archived));
        Assert.NotNull(archived["closedAt"]);
        Assert.True(archived["approved"]!.GetValue<bool>());
        var final = archived["history"]!.AsArray();
        Assert.Equal(
            ["Intake", "Receive", "Forward", "Receive", "SignFor", "Accept", "Fork", "Receive", "Handle", "GiveOpinion", "Join", "Decide", "Receive", "Deliver", "Evaluate", "Archive"],
            final.Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, final.Count), final.Select(h => h!["sequence"]!.GetValue<int>()));
        Assert.Single(final, h => h!["action"]!.GetValue<string>() == "Join" && h["fromState"]!.GetValue<string>() == "OpinionsIn" && h["toState"]!.GetValue<string>() == "Handling");
        // The first part of the journal is what the API answered at the join, unchanged.
        Assert.Equal(history.Select(h => h!.ToJsonString()), final.Take(history.Count).Select(h => h!.ToJsonString()));

        // The branch task: completed once, by 县残联's officer, and nothing left open.
        var done = archived["tasks"]!.AsArray().Single()!;
        Assert.Equal(taskId, done["id"]!.GetValue<Guid>());
        Assert.Equal("Done", done["status"]!.GetValue<string>());
        Assert.NotNull(done["completedAt"]);
        Assert.True(done["agrees"]!.GetValue<bool>());

        // And in the database, past the API: one journal row per sequence, each received message applied once, one
        // Join, one opinion, one task row for the branch's node, completed.
        await using var db = new NpgsqlConnection(county.ConnectionString);
        await db.OpenAsync();
        await using (var journal = new NpgsqlCommand(
            """
            SELECT count(*), count(DISTINCT "Sequence"), count(*) FILTER (WHERE "Action" = 'Join'), count(*) FILTER (WHERE "Action" = 'GiveOpinion'),
                   count("MessageId"), count(DISTINCT "MessageId"), count(*) FILTER (WHERE "Action" = 'Receive')
            FROM case_history WHERE "CaseId" = @id
            """, db))
        {
            journal.Parameters.AddWithValue("id", id);
            await using var reader = await journal.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(final.Count, reader.GetInt64(0));
            Assert.Equal(final.Count, reader.GetInt64(1));
            Assert.Equal(1, reader.GetInt64(2));
            Assert.Equal(1, reader.GetInt64(3));
            Assert.Equal(reader.GetInt64(4), reader.GetInt64(5));
            Assert.Equal(4, reader.GetInt64(6));
        }

        await using (var tasks = new NpgsqlCommand(
            """SELECT "Node", "Status", "CompletedBy", "CompletedAt" IS NOT NULL FROM case_tasks WHERE "CaseId" = @id""", db))
        {
            tasks.Parameters.AddWithValue("id", id);
            await using var reader = await tasks.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("CjlOpinion", "Done", "cjl.officer", true), (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
            Assert.False(await reader.ReadAsync(), "the branch's task has more than one row");
        }
    }

    [Fact]
    public async Task A_hand_off_delivered_a_second_time_has_no_second_effect()
    {
        var clerk = await county.LoginAsync("xijie.clerk");
        var specialist = await county.LoginAsync("xijie.specialist");
        var township = await county.LoginAsync("liulin.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "liulin")));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        var before = await township.WaitForStateAsync(id, "AwaitingSignFor");

        // The same message (same MessageId, same body) again, as a broker redelivery or a relay retry would send it.
        var (messageId, handOff) = await OriginalHandOffAsync(id);
        await SendAgainAsync(messageId, handOff, "liulin");

        await county.TownshipNode.WaitForLineAsync($"Hand-off {messageId} of case {id} already applied", TimeSpan.FromSeconds(30));
        var after = await township.GetCaseAsync(id);
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Equal(before["history"]!.AsArray().Count, after["history"]!.AsArray().Count);
        Assert.Equal("AwaitingSignFor", StateOf(after));
    }

    /// <summary>
    /// The node records a hand-off in its inbox without reading it first; what stops a copy whose receive would still
    /// apply is the inbox key at commit. Here the case is put back exactly as it was in transit (its row, without the
    /// Receive's journal entry and notices), so only the inbox can tell the copy from a new hand-off.
    /// </summary>
    [Fact]
    public async Task A_copy_of_a_hand_off_that_would_still_apply_is_refused_by_the_inbox_at_commit()
    {
        var clerk = await county.LoginAsync("dongmen.clerk");
        var specialist = await county.LoginAsync("dongmen.specialist");
        var township = await county.LoginAsync("hexi.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "hexi")));
        await specialist.WaitForStateAsync(id, "AtSpecialist");

        // The case row in transit, read while the township node waits for it.
        await using var blocker = new NpgsqlConnection(county.ConnectionString);
        await blocker.OpenAsync();
        await specialist.DoAsync(id, "forward");
        string inTransit;
        await using (var tx = await blocker.BeginTransactionAsync())
        {
            await using (var lockRow = new NpgsqlCommand("SELECT row_to_json(c)::text FROM cases c WHERE \"Id\" = @id FOR UPDATE", blocker, tx))
            {
                lockRow.Parameters.AddWithValue("id", id);
                inTransit = (string)(await lockRow.ExecuteScalarAsync())!;
            }

            await WaitUntilTownshipNodeIsBlockedAsync();
            await tx.RollbackAsync();
        }

        Assert.Equal("ForwardedToTownship", JsonDocument.Parse(inTransit).RootElement.GetProperty("State").GetString());
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        var (messageId, handOff) = await OriginalHandOffAsync(id);
        await PutBackInTransitAsync(blocker, id, inTransit);
        var transit = await township.GetCaseAsync(id);
        Assert.Equal("ForwardedToTownship", StateOf(transit));

        await SendAgainAsync(messageId, handOff, "hexi");

        await county.TownshipNode.WaitForLineAsync($"Hand-off {messageId} of case {id} already applied", TimeSpan.FromSeconds(30));
        var after = await township.GetCaseAsync(id);
        Assert.Equal("ForwardedToTownship", StateOf(after));
        Assert.Equal(transit["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Equal(transit["history"]!.AsArray().Count, after["history"]!.AsArray().Count);
    }

    /// <summary>The case row as read in transit, and the Receive's journal entry and resident notices gone.</summary>
    private static async Task PutBackInTransitAsync(NpgsqlConnection connection, Guid id, string row)
    {
        var names = new List<string>();
        await using (var columns = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'cases'", connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) names.Add($"\"{reader.GetString(0)}\"");
        }

        var list = string.Join(", ", names);
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE cases SET ({list}) = (SELECT {list} FROM json_populate_record(NULL::cases, @row::json)) WHERE "Id" = @id;
            DELETE FROM resident_notices WHERE "CaseId" = @id AND "Sequence" = (SELECT max("Sequence") FROM case_history WHERE "CaseId" = @id);
            DELETE FROM case_history WHERE "CaseId" = @id AND "Action" = 'Receive' AND "ToState" = 'AwaitingSignFor';
            """, connection);
        command.Parameters.AddWithValue("row", row);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The same message (same MessageId, same body) again, as a broker redelivery or a relay retry would send it.</summary>
    private async Task SendAgainAsync(Guid messageId, HandOffCase handOff, string township)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(Substrate.RabbitMq.Host, (ushort)Substrate.RabbitMq.Port, county.VirtualHost, h =>
        {
            var user = Uri.UnescapeDataString(Substrate.RabbitMq.UserInfo).Split(':');
            h.Username(user[0]);
            h.Password(user[1]);
        }));
        await bus.StartAsync();
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{QueueNames.For("BackOffice", township)}"));
            await endpoint.Send(handOff, ctx => ctx.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task<(Guid MessageId, HandOffCase Message)> OriginalHandOffAsync(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(county.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT o."MessageId", o."Body" FROM case_history h JOIN outbox o ON o."MessageId" = h."MessageId"
            WHERE h."CaseId" = @id AND h."Action" = 'Receive' AND h."ToState" = 'AwaitingSignFor'
            """, connection);
        command.Parameters.AddWithValue("id", caseId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the received hand-off's outbox row was not found");
        return (reader.GetGuid(0), JsonSerializer.Deserialize<HandOffCase>(reader.GetString(1), JsonExtensions.Web)!);
    }

    private Task WaitUntilTownshipNodeIsBlockedAsync() => WaitUntilNodeIsBlockedAsync("township-node");

    private async Task WaitUntilNodeIsBlockedAsync(string node)
    {
        await using var monitor = new NpgsqlConnection(county.ConnectionString);
        await monitor.OpenAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @node AND wait_event_type = 'Lock'", monitor);
            waiting.Parameters.AddWithValue("node", node);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(50);
        }

        throw new TimeoutException($"the {node} never took the hand-off");
    }
}
