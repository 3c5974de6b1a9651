using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Cases;

/// <summary>Display names of the staff, posts and jurisdictions a journal names (ids stay ids when unknown).</summary>
public sealed record OrgNames(IReadOnlyDictionary<string, string> Staff, IReadOnlyDictionary<string, string> Posts, IReadOnlyDictionary<string, string> Jurisdictions)
{
    public string StaffName(string id) => Staff.TryGetValue(id, out var name) ? name : id;

    public string PostName(string id) => Posts.TryGetValue(id, out var name) ? name : id;

    public string JurisdictionName(string id) => Jurisdictions.TryGetValue(id, out var name) ? name : id;

    public static async Task<OrgNames> LoadAsync(TongbanDbContext db, IReadOnlyList<CaseHistoryEntry> history, CancellationToken ct)
    {
        var staffIds = history.Where(h => h.ActingForId is not null).Select(h => h.ActingForId!).Distinct().ToList();
        var postIds = history.Select(h => h.PostId).Distinct().ToList();
        var jurisdictionIds = history.Select(h => h.JurisdictionId).Distinct().ToList();
        return new OrgNames(
            await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct),
            await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct),
            await db.Jurisdictions.AsNoTracking().Where(j => jurisdictionIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, ct));
    }
}
