using Tongban.Workflows.Auditing;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// Full views of residents' personal data from the pages, recorded in the audit trail (who, when, which case,
/// the stated reason, outcome) in the request's SaveChanges, before anything is shown.
/// </summary>
public static class PersonalDataAccess
{
    public static async Task<bool> RecordFullViewAsync(TongbanDbContext db, CurrentStaff me, Case c, string reason, DateTimeOffset now, CancellationToken ct)
    {
        AuditTrail.Append(db, AuditEntry.ForCase(now, me.Id, AuditActions.PersonalDataView, c.Id, AuditOutcomes.Ok, reason, detail: "fields=idNumber,phone; via=page"));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
