using Microsoft.EntityFrameworkCore;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Auditing;
using static Tongban.Testing.StaffClient;

namespace Tongban.Integration.Tests.Distributed;

/// <summary>The whole route with the gateway and every jurisdiction node as separate processes over RabbitMQ and PostgreSQL.</summary>
[Collection(DistributedCollection.Name)]
public sealed class DistributedRouteTests(DistributedCounty county)
{
    [Fact]
    public async Task A_case_crosses_three_jurisdictions_over_rabbitmq_with_a_correction_loop_and_is_archived()
    {
        var clerk = await county.LoginAsync("nanhu.clerk");
        var specialist = await county.LoginAsync("nanhu.specialist");
        var township = await county.LoginAsync("baisha.backoffice");

        var id = IdOf(await clerk.OpenCaseAsync(IntakeBody(township: "baisha")));
        await specialist.WaitForStateAsync(id, "AtSpecialist");
        await specialist.DoAsync(id, "forward");
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "return-for-correction", new { missing = new[] { new { code = "BANK_CARD", problem = "未提供" }, new { code = "PHOTO", problem = "照片模糊" } } });
        await clerk.WaitForStateAsync(id, "AwaitingCorrection");
        await clerk.DoAsync(id, "resubmit", new { materials = new[] { "BANK_CARD", "PHOTO" } });
        await township.WaitForStateAsync(id, "AwaitingSignFor");
        await township.DoAsync(id, "sign-for");
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "handle");
        await township.DoAsync(id, "decide", new { approved = false, text = "年龄未满80周岁，不符合高龄津贴条件" });
        await clerk.WaitForStateAsync(id, "AwaitingDelivery");
        await clerk.DoAsync(id, "deliver", new { method = "Post" });
        var archived = await clerk.DoAsync(id, "archive");

        var history = HistoryOf(archived);
        Assert.Equal(
            ["Intake", "Receive", "Forward", "Receive", "SignFor", "ReturnForCorrection", "Receive", "Resubmit", "Receive", "SignFor", "Accept", "Handle", "Decide", "Receive", "Deliver", "Archive"],
            history.Select(h => h.Action));

        // Each hand-off was received by the node of the receiving jurisdiction's role, a separate process.
        Assert.Equal(["node:specialist-node", "node:township-node", "node:intake-node", "node:township-node", "node:intake-node"], history.Where(h => h.Action == "Receive").Select(h => h.ActorId));
        Assert.False(archived["approved"]!.GetValue<bool>());
        await TheAuditChainHoldsEveryStepAsync(id);
    }

    /// <summary>
    /// The gateway and the nodes each audited their steps; every record is sealed into one chain that verifies under the
    /// county's key (two keys on one chain would leave one process's records unsealed, or break a link).
    /// </summary>
    private async Task TheAuditChainHoldsEveryStepAsync(Guid caseId)
    {
        await using var db = MigratedPostgres.Context(county.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await db.AuditRecords.AnyAsync(r => r.CaseId == caseId && r.ChainIndex == null) && DateTime.UtcNow < deadline) await Task.Delay(200);
        var actors = await db.AuditRecords.Where(r => r.CaseId == caseId && r.ChainIndex != null).Select(r => r.ActorId).Distinct().ToListAsync();
        Assert.Contains("node:township-node", actors);
        Assert.Contains("nanhu.clerk", actors);
        Assert.Equal(0, await db.AuditRecords.CountAsync(r => r.CaseId == caseId && r.ChainIndex == null));

        var result = await AuditVerifier.VerifyAsync(db, new AuditChainKey(county.AuditChainKey), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        Assert.True(result.FirstBrokenIndex is null, $"first broken {result.FirstBrokenIndex} ({result.Problem})");
        Assert.Empty(result.Gaps);
    }
}
