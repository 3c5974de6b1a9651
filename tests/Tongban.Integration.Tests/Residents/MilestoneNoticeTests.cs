using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Testing;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Residents;

/// <summary>
/// Milestone notices through the notification outbox to a real HTTP peer standing in for the county's SMS
/// platform: each milestone arrives exactly once (after a refused first attempt), with the configured template and
/// signature, the masked name and nothing else personal; a resident who opted out gets none.
/// </summary>
public sealed class MilestoneNoticeTests : IAsyncDisposable
{
    private readonly SmsPlatformReceiver _sms = new(failFirstAttempt: true);
    private EmbeddedApp _app = null!;
    private string? _postgresDatabase;

    private async Task StartAsync(bool postgres)
    {
        _app = new EmbeddedApp
        {
            Settings =
            {
                ["Notices:Channel"] = "Sms",
                ["Notices:Sms:Url"] = _sms.Url,
                ["Notices:Sms:Signature"] = "青山县政务服务",
                ["Notices:Sms:Templates:Accepted"] = "SMS_1001",
                ["Notices:Sms:Templates:CorrectionNeeded"] = "SMS_1002",
                ["Notices:Sms:Templates:ExtensionApproved"] = "SMS_1006",
                ["Notices:PollInterval"] = "00:00:00.100",
                ["Notices:RetryIntervals"] = "00:00:00.200,00:00:00.500",
            },
        };
        if (postgres)
        {
            _postgresDatabase = $"notices_{Guid.NewGuid():N}"[..20];
            _app.Settings["Database:Provider"] = "Postgres";
            _app.Settings["ConnectionStrings:Tongban"] = await Substrate.CreateDatabaseAsync(_postgresDatabase);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_postgresDatabase is not null) await Substrate.DropDatabaseAsync(_postgresDatabase);
        _sms.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_milestone_notice_arrives_once_with_nothing_personal_beyond_the_masked_name(bool postgres)
    {
        await StartAsync(postgres);
        using var clerk = await _app.LoginAsync("dongmen.clerk");
        using var specialist = await _app.LoginAsync("dongmen.specialist");
        using var township = await _app.LoginAsync("hexi.backoffice");
        using var head = await _app.LoginAsync("hexi.head");

        var opened = await clerk.OpenCaseAsync();
        var id = IdOf(opened);
        var number = opened["number"]!.GetValue<string>();
        var optedOutBody = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(IntakeBody(applicant: "王小二")))!.AsObject();
        optedOutBody["noticesOptOut"] = true;
        var optedOut = await clerk.OpenCaseAsync(optedOutBody);
        var optedOutId = IdOf(optedOut);

        foreach (var c in new[] { id, optedOutId })
        {
            await specialist.WaitForStateAsync(c, "AtSpecialist");
            await specialist.DoAsync(c, "forward");
            await township.WaitForStateAsync(c, "AwaitingSignFor");
            await township.DoAsync(c, "sign-for");
        }

        await township.DoAsync(optedOutId, "accept");
        await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "BANK_CARD", problem = "住院期间未能提供（自由文本）" } } });
        await clerk.WaitForStateAsync(id, "AwaitingCorrection");
        await clerk.DoAsync(id, "resubmit", new { materials = new[] { "BANK_CARD" } });
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "extensions", new { workingDays = 5, reason = "需补充调查" });
        var requestId = await WithDbAsync(db => db.ExtensionRequests.Where(e => e.CaseId == id).Select(e => e.Id).SingleAsync());
        await head.DoAsync(id, $"extensions/{requestId}/decision", new { approve = true, note = "同意" });
        await township.DoAsync(id, "handle");
        await township.DoAsync(id, "decide", new { approved = true, text = "准予发放高龄津贴" });
        await clerk.WaitForStateAsync(id, "AwaitingDelivery");
        await clerk.DoAsync(id, "deliver", new { method = "Window" });

        string[] milestones = ["CorrectionNeeded", "Accepted", "ExtensionApproved", "Decided", "ResultReady", "Delivered"];
        await WaitUntilAsync(() => _sms.Accepted.Count >= milestones.Length && AllSettled());
        await Task.Delay(1500); // any copy would arrive by now (poll 100 ms, retries 200/500 ms)

        var accepted = _sms.Accepted;
        Assert.Equal(milestones.Length, accepted.Count);
        Assert.Equal(milestones.Length, accepted.Select(a => a["messageId"]!.GetValue<string>()).Distinct().Count());
        var rows = await WithDbAsync(db => db.ResidentNotices.AsNoTracking().OrderBy(n => n.Sequence).ToListAsync());
        Assert.Equal(milestones, rows.Select(r => r.Milestone.ToString()));
        Assert.All(rows, r => Assert.Equal(id, r.CaseId));
        Assert.All(rows, r =>
        {
            Assert.Equal(NoticeStatus.Sent, r.Status);
            Assert.Equal(2, r.Attempts);
            Assert.Equal("Sms", r.Channel);
            Assert.Equal("HTTP 200 status=DELIVRD bizId=B2", r.DeliveryStatus);
        });
        // Two requests per notice (503, then 200), each carrying the notice's id as its Idempotency-Key.
        Assert.Equal(2 * milestones.Length, _sms.Requests.Count);
        Assert.All(_sms.Requests, r => Assert.Equal(JsonNode.Parse(r.Body)!["messageId"]!.GetValue<string>(), r.IdempotencyKey));

        foreach (var notice in accepted)
        {
            var text = notice.ToJsonString();
            Assert.Equal(ValidPhone, notice["phone"]!.GetValue<string>());
            Assert.Equal("青山县政务服务", notice["signName"]!.GetValue<string>());
            Assert.Contains("李**", notice["text"]!.GetValue<string>());
            Assert.Contains(number, notice["text"]!.GetValue<string>());
            Assert.DoesNotContain("李大爷", text);
            Assert.DoesNotContain(ValidIdNumber, text);
            Assert.DoesNotContain("31002X", text);
            Assert.DoesNotContain("高龄津贴", text); // the item's name is left out (some items tell of health)
            Assert.DoesNotContain("住院", text);      // nor staff's free text
            Assert.DoesNotContain("准予", text);      // nor the decision's content
            Assert.DoesNotContain("王小二", text);    // the opted-out resident's case
        }

        JsonObject Of(string templateId) => Assert.Single(accepted, a => a["templateId"]!.GetValue<string>() == templateId);
        Assert.Contains("本人社会保障卡或银行卡（存折）复印件", Of("SMS_1002")["text"]!.GetValue<string>());
        Assert.Equal("本人社会保障卡或银行卡（存折）复印件", Of("SMS_1002")["templateParams"]!["materials"]!.GetValue<string>());
        Assert.Contains("河西乡", Of("SMS_1001")["text"]!.GetValue<string>());
        Assert.StartsWith("很抱歉", Of("SMS_1006")["text"]!.GetValue<string>());
        Assert.Contains("新的办结期限为", Of("SMS_1006")["text"]!.GetValue<string>());
        Assert.Single(accepted, a => a["templateId"]!.GetValue<string>() == "ResultReady");

        bool AllSettled() => WithDbAsync(db => db.ResidentNotices.AllAsync(n => n.Status != NoticeStatus.Pending)).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task On_the_local_channel_a_milestone_notice_is_written_as_sent_with_its_step_without_waiting_for_the_relay()
    {
        // The relay polls once an hour here: a notice still pending after the step would stay so.
        _app = new EmbeddedApp { Settings = { ["Notices:Channel"] = "Local", ["Notices:PollInterval"] = "01:00:00" } };
        using var clerk = await _app.LoginAsync("dongmen.clerk");
        using var specialist = await _app.LoginAsync("dongmen.specialist");
        using var township = await _app.LoginAsync("hexi.backoffice");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");

        var notice = await WithDbAsync(db => db.ResidentNotices.AsNoTracking().SingleAsync(n => n.CaseId == id));
        Assert.Equal((Milestone.Accepted, NoticeStatus.Sent, 1, "Local", ResidentNoticeRelay.LocalStatus), (notice.Milestone, notice.Status, notice.Attempts, notice.Channel, notice.DeliveryStatus));
        Assert.NotNull(notice.SentAt);
    }

    [Fact]
    public async Task A_notice_committed_but_not_sent_when_the_gateway_stops_is_sent_once_after_the_restart()
    {
        using var platform = new SmsPlatformReceiver(failFirstAttempt: false);
        var before = new EmbeddedApp
        {
            KeepDatabase = true,
            // The relay looks once at start, then not for an hour: the milestone below is committed and never sent.
            Settings = { ["Notices:Channel"] = "Sms", ["Notices:Sms:Url"] = platform.Url, ["Notices:PollInterval"] = "01:00:00" },
        };
        Guid id;
        await using (before)
        {
            using var clerk = await before.LoginAsync("dongmen.clerk");
            using var specialist = await before.LoginAsync("dongmen.specialist");
            using var township = await before.LoginAsync("hexi.backoffice");
            id = IdOf(await clerk.OpenCaseAsync());
            await specialist.WaitForStateAsync(id, "AtSpecialist");
            await specialist.DoAsync(id, "forward");
            await township.WaitForStateAsync(id, "AwaitingSignFor");
            await township.DoAsync(id, "sign-for");
            await township.DoAsync(id, "accept");
            await Task.Delay(500);
            Assert.Empty(platform.Requests);
        }

        await using var after = new EmbeddedApp
        {
            DatabasePath = before.DatabasePath,
            Settings = { ["Notices:Channel"] = "Sms", ["Notices:Sms:Url"] = platform.Url, ["Notices:PollInterval"] = "00:00:00.100" },
        };
        _ = after.Services; // starts the host (and its relay)
        await WaitUntilAsync(() => !platform.Requests.IsEmpty);
        await Task.Delay(1500);
        var accepted = Assert.Single(platform.Accepted);
        Assert.Equal("Accepted", accepted["templateId"]!.GetValue<string>());
        await using var scope = after.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<TongbanDbContext>().ResidentNotices.AsNoTracking().SingleAsync();
        Assert.Equal((id, NoticeStatus.Sent, 1), (row.CaseId, row.Status, row.Attempts));
    }

    /// <summary>
    /// The gateway as its own process on a SQLite file, killed with SIGKILL (no graceful stop, nothing flushed) after
    /// two milestones are committed and before their notices are sent; a new process on the same file sends each of
    /// them once, and the milestones that follow once too. The first process's relay looks once at its start and then
    /// not for an hour, so the kill falls between commit and send for certain.
    /// </summary>
    [Fact]
    public async Task Notices_committed_when_the_gateway_process_is_killed_before_sending_arrive_once_after_the_restart()
    {
        using var platform = new SmsPlatformReceiver(failFirstAttempt: false);
        var directory = Directory.CreateTempSubdirectory("tongban-notice-kill-").FullName;
        var database = Path.Combine(directory, "tongban.db");
        var address = new Uri($"http://127.0.0.1:{Ports.Free()}");
        Dictionary<string, string> Environment(string pollInterval) => new()
        {
            ["ConnectionStrings__Tongban"] = $"Data Source={database}",
            ["Node__Name"] = "gateway",
            ["Audit__AnchorDirectory"] = Path.Combine(directory, "anchors"),
            ["Auth__LoginRateLimit__PerAddressPermits"] = "10000",
            ["DOTNET_gcServer"] = "0",
            ["Notices__Channel"] = "Sms",
            ["Notices__Sms__Url"] = platform.Url,
            ["Notices__Sms__Signature"] = "青山县政务服务",
            ["Notices__Sms__Templates__Accepted"] = "SMS_1001",
            ["Notices__Sms__Templates__CorrectionNeeded"] = "SMS_1002",
            ["Notices__PollInterval"] = pollInterval,
        };

        var first = new ServiceProcess("gateway", RepoPaths.GatewayDll, Environment("01:00:00"), "--urls", address.ToString());
        var second = new ServiceProcess("gateway-2", RepoPaths.GatewayDll, Environment("00:00:00.100"), "--urls", address.ToString());
        try
        {
            await first.StartAsync();
            Guid id;
            string number;
            using (var clerk = await LoginAsync(address, "dongmen.clerk"))
            using (var specialist = await LoginAsync(address, "dongmen.specialist"))
            using (var township = await LoginAsync(address, "hexi.backoffice"))
            {
                var opened = await clerk.OpenCaseAsync();
                (id, number) = (IdOf(opened), opened["number"]!.GetValue<string>());
                await specialist.WaitForStateAsync(id, "AtSpecialist");
                await specialist.DoAsync(id, "forward");
                await township.WaitForStateAsync(id, "AwaitingSignFor");
                await township.DoAsync(id, "sign-for");
                await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "BANK_CARD", problem = "住院期间未能提供（自由文本）" } } });
                await clerk.WaitForStateAsync(id, "AwaitingCorrection");
                await clerk.DoAsync(id, "resubmit", new { materials = new[] { "BANK_CARD" } });
                await township.WaitForStateAsync(id, "AwaitingSignFor");
                await township.DoAsync(id, "sign-for");
                await township.DoAsync(id, "accept");
            }

            // Committed, not sent: two pending rows, never attempted, and nothing at the platform.
            await Task.Delay(300);
            Assert.Empty(platform.Requests);
            Assert.Equal(
                [("CorrectionNeeded", "Pending", 0L), ("Accepted", "Pending", 0L)],
                await NoticeRowsAsync(database));

            await first.KillAsync(); // SIGKILL
            Assert.Null(first.Pid);
            Assert.Empty(platform.Requests);

            await second.StartAsync();
            await WaitUntilAsync(() => platform.Accepted.Count >= 2);
            using (var clerk = await LoginAsync(address, "dongmen.clerk"))
            using (var township = await LoginAsync(address, "hexi.backoffice"))
            {
                await township.DoAsync(id, "handle");
                await township.DoAsync(id, "decide", new { approved = true, text = "准予发放高龄津贴" });
                await clerk.WaitForStateAsync(id, "AwaitingDelivery");
                await clerk.DoAsync(id, "deliver", new { method = "Window" });
            }

            string[] milestones = ["CorrectionNeeded", "Accepted", "Decided", "ResultReady", "Delivered"];
            await WaitUntilAsync(() => platform.Accepted.Count >= milestones.Length);
            await Task.Delay(1000); // a copy would arrive by now (poll 100 ms)

            Assert.Equal(milestones.Length, platform.Requests.Count);
            var accepted = platform.Accepted;
            Assert.Equal(milestones.Length, accepted.Select(a => a["messageId"]!.GetValue<string>()).Distinct().Count());
            Assert.All(platform.Requests, r => Assert.Equal(JsonNode.Parse(r.Body)!["messageId"]!.GetValue<string>(), r.IdempotencyKey));
            Assert.Equal(["SMS_1002", "SMS_1001", "Decided", "ResultReady", "Delivered"], accepted.Select(a => a["templateId"]!.GetValue<string>()));
            Assert.Equal(milestones.Select(m => (m, "Sent", 1L)), await NoticeRowsAsync(database));

            foreach (var notice in accepted)
            {
                var text = notice["text"]!.GetValue<string>();
                Assert.Contains("李**", text);
                Assert.Contains(number, text);
                Assert.Equal(ValidPhone, notice["phone"]!.GetValue<string>());
                // The phone is the address, nowhere else; no name, no ID number, no item, no free text, no decision.
                var withoutAddress = notice.DeepClone().AsObject();
                withoutAddress.Remove("phone");
                var rest = withoutAddress.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                foreach (var personal in new[] { ValidPhone, "李大爷", ValidIdNumber, "31002X", "高龄津贴", "住院", "准予" }) Assert.DoesNotContain(personal, rest);
            }

            // Neither process logged the resident's data.
            foreach (var line in first.Output.Concat(second.Output))
            {
                Assert.DoesNotContain(ValidIdNumber, line);
                Assert.DoesNotContain(ValidPhone, line);
                Assert.DoesNotContain("李大爷", line);
            }
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
            await first.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }

        static Task<StaffClient> LoginAsync(Uri gateway, string username) => StaffClient.LoginAsync(new HttpClient { BaseAddress = gateway }, username);
    }

    /// <summary>The notification outbox as the database file holds it, in milestone order: (milestone, status, attempts).</summary>
    private static async Task<List<(string Milestone, string Status, long Attempts)>> NoticeRowsAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Milestone\", \"Status\", \"Attempts\" FROM resident_notices ORDER BY \"Sequence\", \"CreatedAt\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    private async Task<T> WithDbAsync<T>(Func<TongbanDbContext, Task<T>> read)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongbanDbContext>());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the notices did not all arrive");
            await Task.Delay(100);
        }
    }
}
