using Tongban.Workflows.Auditing;

namespace Tongban.Workflows.Tests.Auditing;

public sealed class AuditHashTests
{
    internal static readonly AuditLink Sample = new(
        ChainIndex: 7,
        PreviousHash: new string('a', 64),
        Id: Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        AtUtcTicks: new DateTimeOffset(2026, 11, 21, 2, 30, 0, TimeSpan.Zero).UtcTicks,
        ActorId: "hexi.backoffice",
        Action: "case.SignFor",
        Subject: "case:0193a1b2-0000-7000-8000-000000000001",
        CaseId: Guid.Parse("0193a1b2-0000-7000-8000-000000000001"),
        Outcome: "ok",
        Reason: null,
        Detail: "ForwardedToTownship -> AwaitingAcceptance at hexi-backoffice");

    [Fact]
    public void The_hash_is_lower_case_hex_sha256_and_deterministic()
    {
        var hash = AuditHash.Compute(Sample);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, AuditHash.Compute(Sample with { }));
    }

    [Fact]
    public void The_hash_follows_the_documented_encoding()
    {
        // Computed independently (Python: presence byte, big-endian int32 length + UTF-8 for text, big-endian
        // int64, RFC 9562 UUID bytes). Stored chains are verified with this encoding: changing it must be a
        // deliberate, versioned decision, never an accident.
        Assert.Equal(PinnedSampleHash, AuditHash.Compute(Sample));
    }

    public static TheoryData<string, AuditLink> Changes() => new()
    {
        { "ChainIndex", Sample with { ChainIndex = 8 } },
        { "PreviousHash", Sample with { PreviousHash = new string('b', 64) } },
        { "Id", Sample with { Id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c") } },
        { "At", Sample with { AtUtcTicks = Sample.AtUtcTicks + 10 } },
        { "ActorId", Sample with { ActorId = "hexi.backoffice2" } },
        { "Action", Sample with { Action = "case.Accept" } },
        { "Subject", Sample with { Subject = "case:0193a1b2-0000-7000-8000-000000000002" } },
        { "CaseId", Sample with { CaseId = Guid.Parse("0193a1b2-0000-7000-8000-000000000002") } },
        { "CaseId null", Sample with { CaseId = null } },
        { "Outcome", Sample with { Outcome = "denied" } },
        { "Reason", Sample with { Reason = "核对身份" } },
        { "Reason empty", Sample with { Reason = "" } },
        { "Detail", Sample with { Detail = "ForwardedToTownship -> AwaitingAcceptance at hexi-backoffice as B" } },
        { "Detail null", Sample with { Detail = null } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Changing_any_field_changes_the_hash(string field, AuditLink changed)
    {
        Assert.True(AuditHash.Compute(Sample) != AuditHash.Compute(changed), $"changing {field} did not change the hash");
    }

    [Fact]
    public void Field_boundaries_are_part_of_the_encoding()
    {
        var a = Sample with { ActorId = "ab", Action = "c" };
        var b = Sample with { ActorId = "a", Action = "bc" };
        Assert.NotEqual(AuditHash.Compute(a), AuditHash.Compute(b));
        Assert.NotEqual(AuditHash.Compute(Sample with { Reason = null, Detail = "x" }), AuditHash.Compute(Sample with { Reason = "x", Detail = null }));
    }

    [Fact]
    public void Each_hash_covers_the_one_before_so_changing_a_record_changes_every_later_hash()
    {
        var first = Sample with { ChainIndex = 1, PreviousHash = AuditHash.Genesis };
        var h1 = AuditHash.Compute(first);
        var h2 = AuditHash.Compute(Sample with { ChainIndex = 2, PreviousHash = h1 });

        var h1Tampered = AuditHash.Compute(first with { Outcome = "denied" });
        var h2Relinked = AuditHash.Compute(Sample with { ChainIndex = 2, PreviousHash = h1Tampered });

        Assert.NotEqual(h1, h1Tampered);
        Assert.NotEqual(h2, h2Relinked);
        Assert.Equal(64, AuditHash.Genesis.Length);
    }

    [Fact]
    public void The_keyed_hash_is_hmac_sha256_of_the_encoding_and_depends_on_the_key()
    {
        byte[] key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        byte[] other = [.. key.Select(b => (byte)(b ^ 0xff))];
        var keyed = AuditHash.ComputeKeyed(Sample, key);
        Assert.Matches("^[0-9a-f]{64}$", keyed);
        Assert.Equal(keyed, AuditHash.ComputeKeyed(Sample with { }, key));
        Assert.NotEqual(keyed, AuditHash.ComputeKeyed(Sample, other));
        Assert.NotEqual(keyed, AuditHash.Compute(Sample));
        Assert.NotEqual(keyed, AuditHash.ComputeKeyed(Sample with { Outcome = "denied" }, key));
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AuditHash.ComputeKeyed(Sample, new byte[31]));
    }

    private const string PinnedSampleHash = "d02f0c07988f64259f8b190adfb0f6fbcfb2bc1f1fbbbab74314abab0fda7e9b";
}
