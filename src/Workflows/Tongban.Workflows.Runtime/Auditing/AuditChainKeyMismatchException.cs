namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// The audit chain's head does not verify under this process's <c>Audit:ChainKey</c>: the process was given another
/// key than the one that sealed the chain (every process on one database needs the same one), or the head was altered.
/// Either way the process must not extend the chain; <see cref="AuditSealer"/> seals nothing while it holds.
/// </summary>
public sealed class AuditChainKeyMismatchException(long headIndex) : InvalidOperationException(
    $"the audit chain's head (record {headIndex}) was not sealed under this process's Audit:ChainKey. Give every process on this database the same key (Audit__ChainKey), or verify the trail: the head may have been altered.")
{
    public long HeadIndex { get; } = headIndex;
}
