using Microsoft.Extensions.Options;
using Tongban.Workflows.Auditing;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// The audit chain's HMAC key (<see cref="AuditHash.ComputeKeyed"/>), from <c>Audit:ChainKey</c> or, in the
/// embedded demo, from a key file created once outside the database (owner-only mode where the platform has it).
/// </summary>
public sealed class AuditChainKey
{
    public AuditChainKey(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < AuditHash.MinKeyBytes) throw new InvalidOperationException($"Audit:ChainKey has {bytes.Length} bytes; at least {AuditHash.MinKeyBytes} are needed.");
        Bytes = bytes;
    }

    public byte[] Bytes { get; }

    public static AuditChainKey Resolve(IOptions<AuditOptions> options, string defaultFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        if (o.ChainKey is { Length: > 0 } configured)
        {
            try
            {
                return new AuditChainKey(Convert.FromBase64String(configured));
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Audit:ChainKey is not base64.");
            }
        }

        return FromFile(o.ChainKeyFile is { Length: > 0 } file ? file : defaultFile);
    }

    /// <summary>Reads the key file, creating it with a fresh random key if it does not exist yet.</summary>
    public static AuditChainKey FromFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(full, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            }
        }
        catch (IOException) when (File.Exists(full))
        {
            // Created earlier, or by another process just now: use that one.
        }

        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(full).Trim();
            // Another process may be between creating and writing the file.
            if (text.Length > 0 || attempt >= 50) return new AuditChainKey(Convert.FromBase64String(text));
            Thread.Sleep(20);
        }
    }
}
