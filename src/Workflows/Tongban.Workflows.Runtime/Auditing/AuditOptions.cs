namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>How often the sealer looks for records no commit in this process announced (other nodes' records).</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int SealBatchSize { get; set; } = 200;

    /// <summary>
    /// How long the sealer lets a local commit's wake-up gather more records before it seals: a busy county then
    /// seals a batch per round (three statements) instead of three statements per record, and the processes'
    /// sealers collide less on the chain head. Zero seals at once.
    /// </summary>
    public TimeSpan SealGather { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a transaction that appends audit records may take and still have them sealed by the next round; a
    /// sealing round looks only after the records a round read this long ago (<see cref="Tongban.Workflows.Auditing.AuditSealFloor"/>).
    /// </summary>
    public TimeSpan SealLookback { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a sealing round looks from the first record (for a transaction longer than <see cref="SealLookback"/>).</summary>
    public TimeSpan SealFullScanEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A record still unsealed after this long means no sealer is running; verification reports it.</summary>
    public TimeSpan UnsealedTolerance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The chain's HMAC key, base64, at least 32 bytes; kept out of the database so its owner cannot reseal an
    /// altered chain. Every process on one database must have the same key. Unset: read (or created once) from
    /// <see cref="ChainKeyFile"/>.
    /// </summary>
    public string? ChainKey { get; set; }

    /// <summary>Where the key lives when <see cref="ChainKey"/> is unset; default beside the SQLite file, else <c>data/runtime/audit-chain.key</c>.</summary>
    public string? ChainKeyFile { get; set; }

    /// <summary>Where the daily signed chain-head files go (outside the database); default <c>audit-anchors</c> in the runtime folder.</summary>
    public string? AnchorDirectory { get; set; }

    /// <summary>How often the gateway checks whether today's anchor file is written yet.</summary>
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The last ChainIndex sealed before the chain had a key (0: none). Those records are verified by the old
    /// unkeyed hash; every later one must carry the keyed hash.
    /// </summary>
    public long UnkeyedUpTo { get; set; }
}
