using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// One attempt at the public progress lookup, kept whatever its outcome: the record that it happened, and what
/// the rate limits count. Nothing typed is kept in the clear — not the ID characters at all, the case number and
/// the client address only as keyed hashes.
/// </summary>
public sealed class ResidentLookup
{
    public Guid Id { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The case whose number was typed, if a case has that number (whether or not the ID part matched).</summary>
    public Guid? CaseId { get; set; }

    /// <summary>Keyed hash of the case number as typed (normalised): the per-case limit counts by it, known case or not.</summary>
    public required string CaseKey { get; init; }

    /// <summary>Keyed hash of the client address: the per-address limit counts by it.</summary>
    public required string AddressHash { get; init; }

    public LookupOutcome Outcome { get; set; }

    /// <summary>"page" or "api".</summary>
    public required string Door { get; init; }

    internal sealed class Mapping : IEntityTypeConfiguration<ResidentLookup>
    {
        public void Configure(EntityTypeBuilder<ResidentLookup> e)
        {
            e.ToTable("resident_lookups");
            e.HasKey(x => x.Id);
            e.Property(x => x.CaseKey).HasMaxLength(64);
            e.Property(x => x.AddressHash).HasMaxLength(64);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Door).HasMaxLength(10);
            // The two limits: attempts from one address in the last minute; wrong ones for one case number in the last hour.
            e.HasIndex(x => new { x.AddressHash, x.At });
            e.HasIndex(x => new { x.CaseKey, x.At });
            e.HasIndex(x => x.CaseId);
        }
    }
}

public enum LookupOutcome
{
    /// <summary>Case number and ID part matched: the progress was shown.</summary>
    Found,

    /// <summary>No case with that number, or the ID part did not match (the answer does not say which).</summary>
    NoMatch,

    /// <summary>Refused by a rate limit before anything was read.</summary>
    Limited,

    /// <summary>Malformed input (400), nothing read.</summary>
    Invalid,

    /// <summary>A one-time code was asked for (sent only if the case exists, has a phone and did not opt out; the answer does not say).</summary>
    CodeRequested,
}
