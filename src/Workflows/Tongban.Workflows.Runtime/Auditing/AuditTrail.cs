using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// Appends to the audit trail inside the caller's unit of work: the record commits with the caller's
/// SaveChanges or not at all. No hash here — chaining every append would serialise every transaction in the
/// county on the chain head; <see cref="AuditSealer"/> seals committed records shortly after.
/// </summary>
public static class AuditTrail
{
    public static AuditRecord Append(TongbanDbContext db, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        // PostgreSQL keeps microseconds: store what the database will give back, so the sealed hash is stable.
        var at = new DateTimeOffset(entry.At.UtcTicks - (entry.At.UtcTicks % 10), TimeSpan.Zero);
        var record = new AuditRecord
        {
            Id = Guid.CreateVersion7(at),
            At = at,
            ActorId = Checked(entry.ActorId, AuditRecordConfiguration.ActorIdLength, nameof(entry.ActorId)),
            Action = Checked(entry.Action, AuditRecordConfiguration.ActionLength, nameof(entry.Action)),
            Subject = Checked(entry.Subject, AuditRecordConfiguration.SubjectLength, nameof(entry.Subject)),
            CaseId = entry.CaseId,
            Outcome = Checked(entry.Outcome, AuditRecordConfiguration.OutcomeLength, nameof(entry.Outcome)),
            Reason = CheckedOptional(entry.Reason, AuditRecordConfiguration.ReasonLength, nameof(entry.Reason)),
            Detail = CheckedOptional(entry.Detail, AuditRecordConfiguration.DetailLength, nameof(entry.Detail)),
        };
        db.AuditRecords.Add(record);
        return record;
    }

    // An audit record is never silently truncated: a value that does not fit is a programming error.
    private static string Checked(string value, int maxLength, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return CheckedOptional(value, maxLength, name)!;
    }

    private static string? CheckedOptional(string? value, int maxLength, string name) =>
        value is { Length: var length } && length > maxLength
            ? throw new ArgumentException($"Audit {name} is {length} characters; at most {maxLength} fit.", name)
            : value;
}
