using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tongban.Gateway.Hosting;

/// <summary>
/// The certificates that encrypt the data-protection key ring at rest (the ring itself lives in the database,
/// <see cref="DbXmlRepository"/>): a copy of the database alone then yields no key that mints tokens.
/// <c>Auth:KeyRingCertificate:Path</c> / <c>:Password</c> (PFX) is the one new keys are encrypted with;
/// <c>Auth:KeyRingCertificate:Previous:N:Path</c> / <c>:Password</c> are older ones kept to read keys written
/// before a rotation. With nothing configured (the embedded demo) a self-signed certificate is generated once
/// into the runtime folder, beside the audit chain key.
/// </summary>
public sealed record KeyRingCertificates(X509Certificate2 Current, IReadOnlyList<X509Certificate2> Previous, string? GeneratedPath)
{
    public const string GeneratedFileName = "keyring-certificate.pfx";

    public static KeyRingCertificates Load(IConfiguration configuration, string runtimeDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Auth:KeyRingCertificate");
        var previous = section.GetSection("Previous").GetChildren()
            .Where(c => c["Path"] is { Length: > 0 })
            .Select(c => LoadPfx(c["Path"]!, c["Password"]))
            .ToList();
        if (section["Path"] is { Length: > 0 } path) return new(LoadPfx(path, section["Password"]), previous, null);

        var generated = Path.Combine(runtimeDirectory, GeneratedFileName);
        return new(GenerateOnce(generated), previous, generated);
    }

    public static X509Certificate2 LoadPfx(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>Reads the generated certificate, creating it first if no process has yet (the file appears whole or not at all).</summary>
    private static X509Certificate2 GenerateOnce(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=tongban key ring (generated)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, options)) stream.Write(certificate.Export(X509ContentType.Pkcs12));
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process generated it just now: use that one.
                File.Delete(temporary);
            }
        }

        return LoadPfx(path, null);
    }
}

/// <summary>Says at start which certificate protects the key ring (its thumbprint and file, never the key).</summary>
public sealed class KeyRingCertificateNotice(KeyRingCertificates certificates, ILogger<KeyRingCertificateNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificates.GeneratedPath is { } path)
        {
            logger.LogInformation(
                "The data-protection key ring is encrypted with a generated self-signed certificate ({Thumbprint}, {Path}); configure Auth:KeyRingCertificate:Path for a county deployment",
                certificates.Current.Thumbprint, path);
        }
        else
        {
            logger.LogInformation("The data-protection key ring is encrypted with certificate {Thumbprint} ({Previous} older ones accepted for reading)",
                certificates.Current.Thumbprint, certificates.Previous.Count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
