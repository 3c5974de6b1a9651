using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tongban.Workflows.Auditing;

/// <summary>
/// The audit chain's hash: SHA-256 over a canonical binary encoding of an <see cref="AuditLink"/>. Every field
/// is written with a presence byte and, for text, its byte length, so no two different records encode alike
/// ("ab"+"c" is not "a"+"bc", null is not ""). Changing the encoding invalidates every stored chain: bump
/// <see cref="Version"/> and keep the old encoding for old records if it ever has to change.
/// <see cref="ComputeKeyed"/> is what the sealer writes: HMAC-SHA256 of the same encoding (under
/// <see cref="KeyedVersion"/>) with a key the database owner does not hold, so a chain altered and recomputed
/// inside the database no longer verifies. <see cref="Compute"/> (unkeyed) only checks chains sealed before.
/// </summary>
public static class AuditHash
{
    /// <summary>The encoding's version, hashed first.</summary>
    public const string Version = "tongban-audit-v1";

    /// <summary>The keyed encoding's version, hashed first under the key.</summary>
    public const string KeyedVersion = "tongban-audit-v2-hmac";

    /// <summary>The record MAC's version: what the application writes at insert time (<see cref="ComputeRecordMac"/>).</summary>
    public const string RecordMacVersion = "tongban-audit-record-v1";

    /// <summary>The shortest chain key accepted (HMAC-SHA256's block of security).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The "previous hash" of the first record in the chain.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Lower-case hex SHA-256 of the link: the rule for records sealed before the chain had a key.</summary>
    public static string Compute(AuditLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Encode(hash, Version, link);
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the link under <paramref name="key"/> (at least <see cref="MinKeyBytes"/>).</summary>
    public static string ComputeKeyed(AuditLink link, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (key.Length < MinKeyBytes) throw new ArgumentException($"The audit chain key has {key.Length} bytes; at least {MinKeyBytes} are needed.", nameof(key));
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        return Encode(hash, KeyedVersion, link);
    }

    /// <summary>
    /// Lower-case hex HMAC-SHA256 of a record's contents alone (its chain fields left out), written by the
    /// application when it inserts the record. The sealer seals only records whose MAC verifies, so a row
    /// inserted directly into the table is never given a place in the chain.
    /// </summary>
    public static string ComputeRecordMac(AuditLink link, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (key.Length < MinKeyBytes) throw new ArgumentException($"The audit chain key has {key.Length} bytes; at least {MinKeyBytes} are needed.", nameof(key));
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        return Encode(hash, RecordMacVersion, link with { ChainIndex = 0, PreviousHash = "" });
    }

    private static string Encode(IncrementalHash hash, string version, AuditLink link)
    {
        Text(hash, version);
        Int64(hash, link.ChainIndex);
        Text(hash, link.PreviousHash);
        Uuid(hash, link.Id);
        Int64(hash, link.AtUtcTicks);
        Text(hash, link.ActorId);
        Text(hash, link.Action);
        Text(hash, link.Subject);
        Uuid(hash, link.CaseId);
        Text(hash, link.Outcome);
        Text(hash, link.Reason);
        Text(hash, link.Detail);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Present(IncrementalHash hash, bool present) => hash.AppendData(present ? [1] : [0]);

    private static void Int64(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        hash.AppendData(bytes);
    }

    private static void Text(IncrementalHash hash, string? value)
    {
        Present(hash, value is not null);
        if (value is null) return;
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }

    private static void Uuid(IncrementalHash hash, Guid? value)
    {
        Present(hash, value is not null);
        if (value is not { } guid) return;
        // RFC 9562 byte order, independent of the platform's Guid layout.
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        hash.AppendData(bytes);
    }
}
