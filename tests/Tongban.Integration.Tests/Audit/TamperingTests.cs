using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tongban.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Audit;

/// <summary>
/// Someone with access to the database file changes or deletes audit records. The triggers stop a casual change;
/// one who drops them first is caught by the verification check.
/// </summary>
public sealed class TamperingTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();
    private StaffClient _auditor = null!;

    public async Task InitializeAsync()
    {
        var clerk = await _app.LoginAsync("dongmen.clerk");
        var specialist = await _app.LoginAsync("dongmen.specialist");
        var id = IdOf(await clerk.OpenCaseAsync());
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await AuditProbe.WaitForSealedAsync(_app, r => r.CaseId == id, count: 4);
        _auditor = await _app.LoginAsync("bureau.auditor");
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _app.DisposeAsync();
    }

    private Task<JsonObject> VerifyAsync() => AuditProbe.GetJsonAsync(_auditor, "/api/audit/verify");

    [Fact]
    public async Task An_untouched_trail_verifies_as_intact()
    {
        var chain = await AuditProbe.WaitForAllSealedAsync(_app);
        var result = await VerifyAsync();
        Assert.True(result["intact"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(chain.Count, result["sealed"]!.GetValue<long>());
        Assert.Equal(chain[^1].Hash, result["headHash"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long?)i), chain.Select(r => r.ChainIndex));
    }

    [Fact]
    public async Task The_trigger_refuses_to_change_or_delete_a_sealed_record()
    {
        await using var file = await AuditProbe.OpenFileAsync(_app);
        var update = await Assert.ThrowsAsync<SqliteException>(() => AuditProbe.ExecuteAsync(file, """UPDATE audit_records SET "Outcome" = 'denied' WHERE "ChainIndex" = 1"""));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => AuditProbe.ExecuteAsync(file, """DELETE FROM audit_records WHERE "ChainIndex" = 2"""));
        Assert.Contains("six months", delete.Message, StringComparison.Ordinal);

        Assert.True((await VerifyAsync())["intact"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_sealed_record_changed_behind_the_triggers_back_is_reported_as_the_first_broken_one()
    {
        var chain = await AuditProbe.WaitForAllSealedAsync(_app);
        var target = chain[1].ChainIndex!.Value;
        await using (var file = await AuditProbe.OpenFileAsync(_app))
        {
            await AuditProbe.ExecuteAsync(file, "DROP TRIGGER audit_records_no_change");
            Assert.Equal(1, await AuditProbe.ExecuteAsync(file, $"""UPDATE audit_records SET "Outcome" = 'denied' WHERE "ChainIndex" = {target}"""));
        }

        var result = await VerifyAsync();
        Assert.False(result["intact"]!.GetValue<bool>());
        Assert.Equal(target, result["firstBrokenIndex"]!.GetValue<long>());
        Assert.Equal("ContentChanged", result["problem"]!.GetValue<string>());
        Assert.Contains($"第 {target} 条记录在封存后被修改", result["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_altered_and_the_chain_recomputed_without_the_key_is_reported()
    {
        var chain = await AuditProbe.WaitForAllSealedAsync(_app);
        var target = chain[1].ChainIndex!.Value;
        await using (var file = await AuditProbe.OpenFileAsync(_app))
        {
            await AuditProbe.ExecuteAsync(file, "DROP TRIGGER audit_records_no_change");
            var previous = chain[0].Hash!;
            foreach (var row in chain.Skip(1))
            {
                if (row.ChainIndex == target) row.Outcome = AuditOutcomes.Denied;
                row.PreviousHash = previous;
                row.Hash = AuditHash.Compute(row.LinkAt(row.ChainIndex!.Value, previous));
                previous = row.Hash;
                await AuditProbe.ExecuteAsync(file, $"""UPDATE audit_records SET "Outcome" = '{row.Outcome}', "PreviousHash" = '{row.PreviousHash}', "Hash" = '{row.Hash}' WHERE "ChainIndex" = {row.ChainIndex}""");
            }
        }

        var result = await VerifyAsync();
        Assert.False(result["intact"]!.GetValue<bool>());
        Assert.Equal(target, result["firstBrokenIndex"]!.GetValue<long>());
        Assert.Equal("ContentChanged", result["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_record_deleted_from_the_middle_of_the_chain_is_reported_as_a_gap()
    {
        var chain = await AuditProbe.WaitForAllSealedAsync(_app);
        var target = chain[chain.Count / 2].ChainIndex!.Value;
        await using (var file = await AuditProbe.OpenFileAsync(_app))
        {
            await AuditProbe.ExecuteAsync(file, "DROP TRIGGER audit_records_retention");
            Assert.Equal(1, await AuditProbe.ExecuteAsync(file, $"""DELETE FROM audit_records WHERE "ChainIndex" = {target}"""));
        }

        var result = await VerifyAsync();
        Assert.False(result["intact"]!.GetValue<bool>());
        var gap = Assert.Single(result["gaps"]!.AsArray())!;
        Assert.Equal((target, target), (gap["from"]!.GetValue<long>(), gap["to"]!.GetValue<long>()));
        Assert.Contains($"第 {target} 条记录缺失", result["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_rebuilt_wholesale_does_not_match_a_head_recorded_earlier()
    {
        var chain = await AuditProbe.WaitForAllSealedAsync(_app);
        var anchor = chain[^1];
        var ok = await AuditProbe.GetJsonAsync(_auditor, $"/api/audit/verify?anchorIndex={anchor.ChainIndex}&anchorHash={anchor.Hash}");
        Assert.True(ok["anchor"]!["matches"]!.GetValue<bool>());

        var forged = await AuditProbe.GetJsonAsync(_auditor, $"/api/audit/verify?anchorIndex={anchor.ChainIndex}&anchorHash={new string('0', 64)}");
        Assert.False(forged["intact"]!.GetValue<bool>());
        Assert.False(forged["anchor"]!["matches"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_record_inserted_directly_is_never_sealed_and_is_reported_as_forged()
    {
        await AuditProbe.WaitForAllSealedAsync(_app);
        await using (var file = await AuditProbe.OpenFileAsync(_app))
        {
            Assert.Equal(1, await AuditProbe.ExecuteAsync(file, $"""
                INSERT INTO audit_records ("Id", "At", "ActorId", "Action", "Subject", "Outcome", "RecordMac")
                VALUES ('{Guid.NewGuid()}', {DateTimeOffset.UtcNow.UtcTicks}, 'hexi.backoffice', 'case.Decide', 'case:{Guid.NewGuid()}', 'ok', '{new string('0', 64)}')
                """));
        }

        // A genuine record written after it is sealed, so the sealer has been past the inserted one.
        await VerifyAsync();
        await AuditProbe.WaitForSealedAsync(_app, r => r.Action == AuditActions.AuditVerify);

        var result = await VerifyAsync();
        Assert.False(result["intact"]!.GetValue<bool>());
        Assert.Equal(1, result["forged"]!.GetValue<int>());
        Assert.Contains("直接插入", result["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        Assert.Equal(0, await db.AuditRecords.CountAsync(r => r.Hash != null && r.ActorId == "hexi.backoffice"));
    }

    [Fact]
    public async Task The_daily_anchor_file_is_checked_and_one_altered_is_reported()
    {
        var chain = await AuditProbe.WaitForAllSealedAsync(_app);
        var anchors = _app.Services.GetRequiredService<AuditAnchors>();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await anchors.WriteTodayAsync(scope.ServiceProvider.GetRequiredService<TongbanDbContext>(), DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var result = await VerifyAsync();
        Assert.True(result["intact"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Contains("请在系统之外记下", result["headToWriteDown"]!.GetValue<string>(), StringComparison.Ordinal);
        var file = Assert.Single(result["anchorFiles"]!.AsArray())!;
        Assert.True(file["signatureValid"]!.GetValue<bool>());
        Assert.True(file["matches"]!.GetValue<bool>());
        Assert.True(file["chainIndex"]!.GetValue<long>() >= chain[^1].ChainIndex);

        // Someone rewrites the file to fit a rebuilt chain; without the key the signature no longer fits.
        var path = Directory.GetFiles(_app.AnchorDirectory, "audit-anchor-*.json").Single();
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        json["hash"] = new string('1', 64);
        await File.WriteAllTextAsync(path, json.ToJsonString());

        result = await VerifyAsync();
        Assert.False(result["intact"]!.GetValue<bool>());
        Assert.False(result["anchorFiles"]![0]!["signatureValid"]!.GetValue<bool>());
        Assert.Contains("签名无效", result["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
