using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Auth;
using Tongban.Integration.Tests.Infrastructure;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Integration.Tests.Security;

/// <summary>
/// Hardening 3: the data-protection key ring in the database is encrypted with the gateway's certificate, so a
/// reader of the database (a backup in the wrong hands) cannot mint tokens with it.
/// </summary>
public sealed class KeyRingAtRestTests : IAsyncLifetime
{
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"tongban-keyring-{Guid.NewGuid():N}.pfx");
    private EmbeddedApp _app = null!;

    public async Task InitializeAsync()
    {
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=county key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(_certificatePath, certificate.Export(X509ContentType.Pkcs12, "county-secret"));
        }

        _app = new EmbeddedApp();
        _app.Settings["Auth:KeyRingCertificate:Path"] = _certificatePath;
        _app.Settings["Auth:KeyRingCertificate:Password"] = "county-secret";
        _app.Settings["Auth:StaffCacheSeconds"] = "0";
        // A real login makes the gateway create (and store) its first key.
        using var clerk = await _app.LoginAsync("dongmen.clerk");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(_certificatePath);
    }

    [Fact]
    public async Task The_key_xml_in_the_database_holds_no_plaintext_key()
    {
        var keys = await KeyXmlFromDatabaseAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            var text = xml.ToString();
            Assert.Contains("<encryptedSecret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_token_minted_with_the_key_ring_read_from_the_database_is_refused()
    {
        var keys = await KeyXmlFromDatabaseAsync();
        using var http = _app.CreateClient();

        // Without the certificate the stolen keys cannot be decrypted: minting either fails outright ...
        Assert.ThrowsAny<Exception>(() => Mint(keys, withCertificate: false, mayCreateKeys: false));
        // ... or, left to itself, the forger's provider makes a key of its own, which the gateway does not know.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint(keys, withCertificate: false, mayCreateKeys: true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/catalog")).StatusCode);

        // The control: the same forgery with the certificate in hand works, so the refusal above is the encryption's doing.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint(keys, withCertificate: true, mayCreateKeys: false));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/catalog")).StatusCode);
    }

    private async Task<List<XElement>> KeyXmlFromDatabaseAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        return [.. (await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync()).Select(x => XElement.Parse(x))];
    }

    /// <summary>A bearer token for dongmen.clerk from a fresh data-protection provider over the given key XML.</summary>
    private string Mint(IReadOnlyList<XElement> keys, bool withCertificate, bool mayCreateKeys)
    {
        var services = new ServiceCollection().AddLogging();
        var dataProtection = services.AddDataProtection().SetApplicationName("tongban");
        if (withCertificate) dataProtection.UnprotectKeysWithAnyCertificate(X509CertificateLoader.LoadPkcs12FromFile(_certificatePath, "county-secret"));
        if (!mayCreateKeys) dataProtection.DisableAutomaticKeyGeneration();
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new StolenKeys(keys));
        services.AddAuthentication().AddBearerToken();
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector;
        return protector.Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "dongmen.clerk"), new Claim(ClaimTypes.Name, "dongmen.clerk"), StaffSessions.Stamp(null)], BearerTokenDefaults.AuthenticationScheme)),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) },
            BearerTokenDefaults.AuthenticationScheme));
    }

    private sealed class StolenKeys(IReadOnlyList<XElement> keys) : IXmlRepository
    {
        private readonly List<XElement> _elements = [.. keys];

        public IReadOnlyCollection<XElement> GetAllElements() => [.. _elements];

        public void StoreElement(XElement element, string friendlyName) => _elements.Add(element);
    }
}
