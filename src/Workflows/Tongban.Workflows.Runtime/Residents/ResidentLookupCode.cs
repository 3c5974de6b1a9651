using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// The current one-time lookup code of a case (one row per case; a new code replaces the old): only a keyed hash
/// of the digits, never the digits. The code itself travels once, in a <see cref="ResidentNotice"/> of kind
/// <see cref="Milestone.LookupCode"/> whose <see cref="ResidentNotice.Sequence"/> is <see cref="Serial"/>.
/// </summary>
public sealed class ResidentLookupCode
{
    public Guid CaseId { get; init; }

    /// <summary>How many codes the case has had; the concurrency token (two requests at once send one code).</summary>
    public int Serial { get; set; }

    /// <summary>HMAC-SHA256 (hex) of case, serial and digits, under a key derived from the audit chain key.</summary>
    public required string CodeHash { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public LookupCodeState State => new(IssuedAt, ExpiresAt, Attempts, UsedAt);

    internal sealed class Mapping : IEntityTypeConfiguration<ResidentLookupCode>
    {
        public void Configure(EntityTypeBuilder<ResidentLookupCode> e)
        {
            e.ToTable("resident_lookup_codes");
            e.HasKey(x => x.CaseId);
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.Property(x => x.Serial).IsConcurrencyToken();
            e.Ignore(x => x.State);
        }
    }
}
