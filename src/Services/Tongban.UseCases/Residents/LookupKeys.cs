using System.Security.Cryptography;
using System.Text;
using Tongban.Workflows.Runtime.Auditing;

namespace Tongban.UseCases.Residents;

/// <summary>
/// Keyed hashes for the lookup record: a client address is personal data, and an unkeyed hash of an IPv4
/// address is reversed by trying all four billion. The key is derived (HKDF) from the audit chain key, which
/// every node of a deployment already shares, so the limits count alike on every node and across restarts.
/// </summary>
public sealed class LookupKeys(AuditChainKey chainKey)
{
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, chainKey.Bytes, 32, info: "tongban/resident-lookup/v1"u8.ToArray());

    public string Address(string? address) => Hash("address:" + (address ?? "unknown"));

    public string CaseNumber(string number) => Hash("case:" + number);

    /// <summary>A one-time lookup code, bound to its case and serial (so a code of one case or an earlier serial never matches another).</summary>
    public string Code(Guid caseId, int serial, string code) => Hash($"code:{caseId:N}:{serial}:{code}");

    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
}

/// <summary>The public lookup's limits, from configuration <c>Residents:Lookup:*</c>.</summary>
public sealed class LookupLimits
{
    /// <summary>Lookups one client address may make per minute (any outcome).</summary>
    public int PerAddressPerMinute { get; set; } = 10;

    /// <summary>Wrong answers (unknown case or wrong ID part) one case number may get per hour before every answer is "try later".</summary>
    public int WrongPerCasePerHour { get; set; } = 5;
}

/// <summary>The one-time lookup code, from configuration <c>Residents:LookupCode:*</c>.</summary>
public sealed class LookupCodeOptions
{
    /// <summary>Minutes a code holds after it is sent (1–60).</summary>
    public int ValidMinutes { get; set; } = Tongban.Workflows.Residents.LookupCodes.DefaultValidMinutes;
}
