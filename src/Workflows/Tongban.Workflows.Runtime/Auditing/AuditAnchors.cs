using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>One day's chain head as written to a file outside the database, with its HMAC under the chain key.</summary>
public sealed record AuditAnchor(string Day, long ChainIndex, string Hash, DateTimeOffset WrittenAt, string Mac);

/// <summary>An anchor file as verification found it: is it signed under the key, and does the chain still hold that hash there.</summary>
public sealed record AuditAnchorCheck(string File, string? Day, long? ChainIndex, string? Hash, bool SignatureValid, bool? Matches);

/// <summary>
/// The external anchor of the audit chain: once a day the chain head (index, hash, time) goes into a file of its
/// own in <see cref="AuditOptions.AnchorDirectory"/>, signed with an HMAC under the chain key. Someone who
/// rebuilds the chain inside the database (even with the key) cannot rewrite what is already in those files, and
/// one without the key cannot forge a file. Verification reads every file back and checks the chain against it.
/// </summary>
public sealed class AuditAnchors(AuditChainKey key, string directory)
{
    private const string Version = "tongban-audit-anchor-v1";
    private const int MaxFilesChecked = 800;

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Writes today's (UTC) anchor file unless it exists or the chain is empty; returns the anchor written.</summary>
    public async Task<AuditAnchor?> WriteTodayAsync(TongbanDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = Path.Combine(Directory, $"audit-anchor-{day}.json");
        if (File.Exists(path)) return null;
        var head = await db.AuditRecords.AsNoTracking()
            .Where(r => r.ChainIndex != null)
            .OrderByDescending(r => r.ChainIndex)
            .Select(r => new { r.ChainIndex, r.Hash })
            .FirstOrDefaultAsync(ct);
        if (head is null) return null;

        var anchor = new AuditAnchor(day, head.ChainIndex!.Value, head.Hash!, now, "");
        anchor = anchor with { Mac = Mac(anchor) };
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(anchor, JsonOptions), ct);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return anchor;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another gateway wrote today's file first: one file a day is enough.
            File.Delete(temporary);
            return null;
        }
    }

    /// <summary>Every anchor file (the newest <see cref="MaxFilesChecked"/>), its signature checked; <see cref="AuditAnchorCheck.Matches"/> is left to the caller.</summary>
    public IReadOnlyList<(AuditAnchorCheck Check, AuditAnchor? Anchor)> ReadAll()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return [.. System.IO.Directory.EnumerateFiles(Directory, "audit-anchor-*.json")
            .OrderDescending(StringComparer.Ordinal)
            .Take(MaxFilesChecked)
            .Select(Read)];
    }

    private (AuditAnchorCheck, AuditAnchor?) Read(string file)
    {
        var name = Path.GetFileName(file);
        try
        {
            var anchor = JsonSerializer.Deserialize<AuditAnchor>(File.ReadAllText(file), JsonOptions);
            if (anchor is null) return (new(name, null, null, null, false, null), null);
            var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(anchor.Mac ?? ""), Encoding.ASCII.GetBytes(Mac(anchor)));
            return (new(name, anchor.Day, anchor.ChainIndex, anchor.Hash, valid, null), valid ? anchor : null);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return (new(name, null, null, null, false, null), null);
        }
    }

    private string Mac(AuditAnchor a)
    {
        var text = string.Join('\n', Version, a.Day, a.ChainIndex.ToString(CultureInfo.InvariantCulture), a.Hash, a.WrittenAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(text)));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>Writes the day's anchor file soon after start and then every <see cref="AuditOptions.AnchorInterval"/> (once a day in effect).</summary>
public sealed class AuditAnchorWriter(IServiceScopeFactory scopes, AuditAnchors anchors, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditAnchorWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var written = await anchors.WriteTodayAsync(scope.ServiceProvider.GetRequiredService<TongbanDbContext>(), clock.GetUtcNow(), stoppingToken);
                if (written is not null) logger.LogInformation("Audit anchor for {Day} written: chain head {Index} {Hash}", written.Day, written.ChainIndex, written.Hash);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Writing the audit anchor file failed; retrying later");
            }

            try
            {
                await Task.Delay(options.Value.AnchorInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
