using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Auditing;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// Gives every audit record the application inserts its <see cref="AuditRecord.RecordMac"/>, whoever appended
/// it (<see cref="AuditTrail.Append"/> knows no key; the context's interceptor does). Registered on every
/// process's DbContext, so records of the gateway and of every node are sealed alike.
/// </summary>
public sealed class AuditRecordMacs(AuditChainKey key) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Detected<AuditRecord>())
        {
            if (entry.State == EntityState.Added) entry.Entity.RecordMac = AuditHash.ComputeRecordMac(entry.Entity.LinkAt(0, ""), key.Bytes);
        }
    }
}
