using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Tongban.Gateway.Auth;
using Tongban.Gateway.Hosting;
using Xunit.Abstractions;

namespace Tongban.Integration.Tests.Security.Suite;

/// <summary>
/// Forged and stale bearer tokens against a write endpoint (POST /api/consultations): tampered in every part,
/// minted under another key ring, expired, for someone who does not exist, after logout, after the account was
/// disabled — each 401, nothing written.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class TokenTests(SuiteCounty county, ITestOutputHelper output)
{
    private static readonly object Consultation = new { itemCode = "QS-MZ-001", channel = "InPerson" };

    [Fact]
    public async Task Forged_and_stale_tokens_are_401_with_nothing_written()
    {
        using var clerk = await county.LoginAsync("dongmen.clerk");
        var valid = clerk.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        // The control: the real token writes.
        Assert.Equal(HttpStatusCode.Created, (await clerk.Http.PostAsJsonAsync("/api/consultations", Consultation)).StatusCode);

        var rows = new List<SecurityFigures.Row>
        {
            await ProbeAsync("tampered (one character changed, every 7th position)", Tampered(valid)),
            await ProbeAsync("truncated, extended, empty, random", Mangled(valid)),
            await ProbeAsync("minted under another key ring", [Mint(null, "dongmen.clerk", DateTimeOffset.UtcNow.AddHours(1)), Mint(null, "county.admin", DateTimeOffset.UtcNow.AddHours(1))]),
            await ProbeAsync("minted with the real key ring: expired", [Mint(await RealKeyRingAsync(), "dongmen.clerk", DateTimeOffset.UtcNow.AddMinutes(-1))]),
            await ProbeAsync("minted with the real key ring: unknown user", [Mint(await RealKeyRingAsync(), "nobody.here", DateTimeOffset.UtcNow.AddHours(1))]),
            await ProbeAsync("after logout", [await AfterLogoutAsync()]),
            await ProbeAsync("after the account was disabled", [await AfterDisableAsync()]),
        };

        output.WriteLine(SecurityFigures.Record("b. Forged and stale tokens", rows));
        Assert.All(rows, r => Assert.Equal((r.Tried, 0, 0), (r.RefusedCorrectly, r.Wrong, r.HalfWritten)));
    }

    private async Task<SecurityFigures.Row> ProbeAsync(string probe, IReadOnlyList<string> tokens)
    {
        int correct = 0, wrong = 0, half = 0;
        var statuses = new List<int>();
        foreach (var token in tokens)
        {
            using var http = county.Http();
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            var before = await county.StateBeforeProbeAsync();
            var response = await http.PostAsJsonAsync("/api/consultations", Consultation);
            if (await county.StateAfterProbeAsync() != before) half++;
            if (response.StatusCode == HttpStatusCode.Unauthorized) correct++;
            else
            {
                wrong++;
                statuses.Add((int)response.StatusCode);
            }
        }

        return new(probe, tokens.Count, correct, wrong, half, statuses.Count > 0 ? $"got {string.Join(',', statuses)}" : "");
    }

    private static List<string> Tampered(string token)
    {
        var variants = new List<string>();
        for (var i = 0; i < token.Length; i += 7)
        {
            var chars = token.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            variants.Add(new string(chars));
        }

        return variants;
    }

    private static List<string> Mangled(string token) =>
    [
        token[..(token.Length / 2)], token[..^1], token + "A", token + token, "x", "null", new string('A', token.Length),
        .. Enumerable.Range(0, 10).Select(_ => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(token.Length * 3 / 4)).Replace('+', '-').Replace('/', '_').TrimEnd('=')),
    ];

    private async Task<string> AfterLogoutAsync()
    {
        using var person = await county.LoginAsync("xijie.clerk");
        var token = person.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.NoContent, (await person.Http.PostAsync("/api/auth/logout", null)).StatusCode);
        return token;
    }

    private async Task<string> AfterDisableAsync()
    {
        using var person = await county.LoginAsync("xijie.clerk2");
        var token = person.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        await county.ExecuteAsync("UPDATE staff SET \"Active\" = 0 WHERE \"Id\" = 'xijie.clerk2'");
        return token;
    }

    /// <summary>The gateway's key ring as a thief with the database file and the gateway's certificate file would have it.</summary>
    private async Task<List<XElement>> RealKeyRingAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = county.DatabaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Xml\" FROM data_protection_keys";
        var keys = new List<XElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    /// <summary>A token minted by a data-protection provider over <paramref name="keys"/> (with the certificate), or over a key ring of its own when null.</summary>
    private string Mint(List<XElement>? keys, string user, DateTimeOffset expires)
    {
        var services = new ServiceCollection().AddLogging();
        var dataProtection = services.AddDataProtection().SetApplicationName("tongban");
        var repository = new Keys(keys ?? []);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        if (keys is not null)
        {
            var certificate = Path.Combine(Path.GetDirectoryName(county.DatabaseFile)!, KeyRingCertificates.GeneratedFileName);
            dataProtection.UnprotectKeysWithAnyCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, null)).DisableAutomaticKeyGeneration();
        }

        services.AddAuthentication().AddBearerToken();
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector;
        return protector.Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user), StaffSessions.Stamp(null)], BearerTokenDefaults.AuthenticationScheme)),
            new AuthenticationProperties { ExpiresUtc = expires },
            BearerTokenDefaults.AuthenticationScheme));
    }

    private sealed class Keys(List<XElement> keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => [.. keys];

        public void StoreElement(XElement element, string friendlyName) => keys.Add(element);
    }
}
