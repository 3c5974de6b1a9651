using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Auditing;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// One line of the audit trail: who did what to which subject, when, and how it ended. Appended unsealed in the
/// business transaction; <see cref="AuditSealer"/> later gives it its place in the hash chain (ChainIndex,
/// PreviousHash, Hash). Database triggers refuse any change to a sealed record and the deletion of records
/// younger than the retention period. Never holds residents' personal data in <see cref="Detail"/>.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>Insertion order. Not the chain order: transactions commit out of identity order.</summary>
    public long Sequence { get; set; }

    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public Guid? CaseId { get; set; }
    public required string Outcome { get; set; }

    /// <summary>The reason the actor stated (full view of personal data).</summary>
    public string? Reason { get; set; }

    /// <summary>Non-personal context: state change, query filters.</summary>
    public string? Detail { get; set; }

    /// <summary>
    /// HMAC of the contents under the chain key, written at insert time (<see cref="AuditRecordMacs"/>). A row
    /// without a valid one was not written by the application: it is never sealed, and verification reports it.
    /// </summary>
    public string? RecordMac { get; set; }

    public long? ChainIndex { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }

    public bool IsSealed => Hash is not null;

    /// <summary>Whether <see cref="RecordMac"/> is the MAC of the record's contents under <paramref name="key"/>.</summary>
    public bool HasValidMac(ReadOnlySpan<byte> key) =>
        RecordMac is { } mac && string.Equals(AuditHash.ComputeRecordMac(LinkAt(0, ""), key), mac, StringComparison.Ordinal);

    /// <summary>The record's contents at a given place in the chain, as the hash sees them.</summary>
    public AuditLink LinkAt(long chainIndex, string previousHash) =>
        new(chainIndex, previousHash, Id, At.UtcTicks, ActorId, Action, Subject, CaseId, Outcome, Reason, Detail);
}

public sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public const int ActorIdLength = 80;
    public const int ActionLength = 60;
    public const int SubjectLength = 100;
    public const int OutcomeLength = 20;
    public const int ReasonLength = 200;
    public const int DetailLength = 1000;

    public void Configure(EntityTypeBuilder<AuditRecord> a)
    {
        a.ToTable("audit_records");
        a.HasKey(x => x.Sequence);
        a.Property(x => x.Sequence).ValueGeneratedOnAdd();
        a.HasIndex(x => x.Id).IsUnique();
        a.Property(x => x.ActorId).HasMaxLength(ActorIdLength);
        a.Property(x => x.Action).HasMaxLength(ActionLength);
        a.Property(x => x.Subject).HasMaxLength(SubjectLength);
        a.Property(x => x.Outcome).HasMaxLength(OutcomeLength);
        a.Property(x => x.Reason).HasMaxLength(ReasonLength);
        a.Property(x => x.Detail).HasMaxLength(DetailLength);
        a.Property(x => x.PreviousHash).HasMaxLength(64);
        a.Property(x => x.RecordMac).HasMaxLength(64);
        // Sealing updates WHERE "Hash" IS NULL: of two sealers taking the same row, the second changes nothing
        // and retries, instead of overwriting the first one's seal.
        a.Property(x => x.Hash).HasMaxLength(64).IsConcurrencyToken();
        // Unique: two sealers that read the same chain head cannot both append after it; the loser retries.
        // Unsealed rows (NULL) are not constrained and are found through it.
        a.HasIndex(x => x.ChainIndex).IsUnique();
        // The sealer's work list, in insertion order from where a round starts (AuditSealFloor): the unique index above
        // also holds the unsealed rows, but a round had to walk every entry sealing left there until the next vacuum.
        a.HasIndex(x => x.Sequence, "IX_audit_records_Unsealed").HasFilter("\"ChainIndex\" IS NULL");
        a.HasIndex(x => x.CaseId);
        a.HasIndex(x => x.ActorId);
        a.HasIndex(x => x.At);
        a.Ignore(x => x.IsSealed);
    }
}
