using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Organisation;

/// <summary>
/// A county's organisation as data: jurisdictions, staff and posts with their A/B holders. The demo county
/// (data/demo-county.json) is seeded in embedded mode; a real county loads its own file the same way.
/// </summary>
public sealed record CountyFile(
    string? DemoPassword,
    IReadOnlyList<CountyFile.JurisdictionRow> Jurisdictions,
    IReadOnlyList<CountyFile.StaffRow> Staff,
    IReadOnlyList<CountyFile.PostRow> Posts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record JurisdictionRow(string Id, string Name, JurisdictionKind Kind, string? Parent, string Code);

    public sealed record StaffRow(string Username, string DisplayName, IReadOnlyList<string>? Roles);

    /// <param name="Grid">Only for a GridWorker post: the grid of its community it serves.</param>
    public sealed record PostRow(string Id, string Jurisdiction, PostRole Role, string Name, string Primary, string Backup, string UnitHead, GridRow? Grid = null);

    /// <summary>A grid (网格) of an urban community, e.g. <c>{"id":"dongmen-g01","name":"第一网格"}</c>.</summary>
    public sealed record GridRow(string Id, string Name);

    public static CountyFile Parse(string json) =>
        JsonSerializer.Deserialize<CountyFile>(json, Json) ?? throw new FormatException("county file: empty");

    /// <summary>Adds what is not there yet; never overwrites (staff may have changed passwords or holders).</summary>
    public async Task<int> SeedAsync(TongbanDbContext db, CancellationToken ct)
    {
        var hasher = new PasswordHasher<Staff>();
        var known = (await db.Jurisdictions.Select(j => j.Id).ToListAsync(ct)).ToHashSet();
        var knownStaff = (await db.Staff.Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var knownPosts = (await db.Posts.Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var knownGrids = (await db.Grids.Select(g => g.Id).ToListAsync(ct)).ToHashSet();
        var added = 0;

        foreach (var j in Jurisdictions.Where(j => !known.Contains(j.Id)))
        {
            db.Jurisdictions.Add(new Jurisdiction { Id = j.Id, Name = j.Name, Kind = j.Kind, ParentId = j.Parent, Code = j.Code });
            added++;
        }

        // Every demo account has the one documented demo password, so one (deliberately slow) hash serves them all.
        // Accounts without a demo password get an unusable hash until an administrator sets one.
        var demoHash = DemoPassword is null ? "!" : hasher.HashPassword(null!, DemoPassword);
        foreach (var s in Staff.Where(s => !knownStaff.Contains(s.Username)))
        {
            db.Staff.Add(new Staff { Id = s.Username, DisplayName = s.DisplayName, PasswordHash = demoHash, Roles = [.. s.Roles ?? []] });
            added++;
        }

        foreach (var p in Posts.Where(p => !knownPosts.Contains(p.Id)))
        {
            db.Posts.Add(new Post
            {
                Id = p.Id,
                JurisdictionId = p.Jurisdiction,
                Role = p.Role,
                Name = p.Name,
                PrimaryHolderId = p.Primary,
                BackupHolderId = p.Backup,
                UnitHeadId = p.UnitHead,
            });
            added++;
        }

        // A grid worker's post names its grid; a grid without a GridWorker post is a mistake in the file.
        foreach (var p in Posts.Where(p => p.Grid is not null && !knownGrids.Contains(p.Grid.Id)))
        {
            if (p.Role != PostRole.GridWorker) throw new FormatException($"county file: post {p.Id} names a grid but is not a GridWorker post");
            db.Grids.Add(new Grid { Id = p.Grid!.Id, CommunityId = p.Jurisdiction, Name = p.Grid.Name, PostId = p.Id });
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }
}
