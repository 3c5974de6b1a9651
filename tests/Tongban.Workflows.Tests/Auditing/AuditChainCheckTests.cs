using Tongban.Workflows.Auditing;

namespace Tongban.Workflows.Tests.Auditing;

public sealed class AuditChainCheckTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    /// <summary>A correctly sealed chain of <paramref name="count"/> records: (link, stored hash).</summary>
    private static List<(AuditLink Link, string Hash)> Chain(int count)
    {
        var chain = new List<(AuditLink, string)>();
        var previous = AuditHash.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var link = AuditHashTests.Sample with { ChainIndex = i, PreviousHash = previous, Id = Guid.CreateVersion7(), Detail = $"step {i}" };
            previous = AuditHash.ComputeKeyed(link, Key);
            chain.Add((link, previous));
        }

        return chain;
    }

    private static AuditChainCheck Check(IEnumerable<(AuditLink Link, string Hash)> rows)
    {
        var check = new AuditChainCheck(Key);
        foreach (var (link, hash) in rows) check.Add(link, hash);
        return check;
    }

    [Fact]
    public void A_sealed_chain_verifies_and_reports_its_head()
    {
        var chain = Chain(5);
        var check = Check(chain);
        Assert.True(check.Intact);
        Assert.Equal(5, check.Checked);
        Assert.Equal(1, check.FirstIndex);
        Assert.Equal(5, check.HeadIndex);
        Assert.Equal(chain[^1].Hash, check.HeadHash);
    }

    [Fact]
    public void A_record_changed_after_sealing_is_the_first_broken_one()
    {
        var chain = Chain(5);
        chain[2] = (chain[2].Link with { Outcome = "denied" }, chain[2].Hash);
        var check = Check(chain);
        Assert.False(check.Intact);
        Assert.Equal(3, check.FirstBroken);
        Assert.Equal(AuditChainProblem.ContentChanged, check.Problem);
    }

    [Fact]
    public void A_record_rehashed_after_a_change_breaks_the_link_of_the_next()
    {
        var chain = Chain(5);
        var changed = chain[2].Link with { Outcome = "denied" };
        chain[2] = (changed, AuditHash.ComputeKeyed(changed, Key));
        var check = Check(chain);
        Assert.Equal(4, check.FirstBroken);
        Assert.Equal(AuditChainProblem.LinkBroken, check.Problem);
    }

    [Fact]
    public void A_deleted_record_is_a_gap()
    {
        var chain = Chain(6);
        chain.RemoveAt(3);
        var check = Check(chain);
        Assert.False(check.Intact);
        Assert.Null(check.FirstBroken);
        Assert.Equal([new AuditGap(4, 4)], check.Gaps);
    }

    [Fact]
    public void The_first_record_must_start_from_genesis()
    {
        var chain = Chain(2);
        var forged = chain[0].Link with { PreviousHash = new string('f', 64) };
        chain[0] = (forged, AuditHash.ComputeKeyed(forged, Key));
        var check = Check(chain);
        Assert.Equal(1, check.FirstBroken);
        Assert.Equal(AuditChainProblem.BadGenesis, check.Problem);
    }

    [Fact]
    public void A_chain_whose_oldest_records_were_purged_still_verifies_from_where_it_starts()
    {
        var check = Check(Chain(6).Skip(3));
        Assert.True(check.Intact);
        Assert.Equal(4, check.FirstIndex);
        Assert.Equal(3, check.Checked);
    }

    [Fact]
    public void A_chain_recomputed_without_the_key_breaks_at_its_first_record()
    {
        var chain = Chain(3);
        var previous = AuditHash.Genesis;
        var recomputed = chain.Select(row =>
        {
            var link = row.Link with { PreviousHash = previous };
            previous = AuditHash.Compute(link);
            return (link, previous);
        }).ToList();

        var check = Check(recomputed);
        Assert.False(check.Intact);
        Assert.Equal((1L, AuditChainProblem.ContentChanged), (check.FirstBroken, check.Problem));
    }

    [Fact]
    public void Unkeyed_hashes_are_accepted_only_up_to_the_recorded_point()
    {
        var previous = AuditHash.Genesis;
        var rows = new List<(AuditLink, string)>();
        for (var i = 1; i <= 4; i++)
        {
            var link = AuditHashTests.Sample with { ChainIndex = i, PreviousHash = previous };
            previous = i <= 2 ? AuditHash.Compute(link) : AuditHash.ComputeKeyed(link, Key);
            rows.Add((link, previous));
        }

        var legacy = new AuditChainCheck(Key, unkeyedUpTo: 2);
        foreach (var (link, hash) in rows) legacy.Add(link, hash);
        Assert.True(legacy.Intact);

        var strict = Check(rows);
        Assert.Equal((1L, AuditChainProblem.ContentChanged), (strict.FirstBroken, strict.Problem));
    }
}
