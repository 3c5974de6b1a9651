using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.Cases;

/// <summary>
/// 首问负责: each person who took the case at a post (intake, signing for it, any later action by someone else)
/// holds it until the next person does. Hand-offs received by nodes are not holders; nor is whoever recorded a
/// (confidential) evaluation.
/// </summary>
public static class CaseHolders
{
    public sealed record Holder(string StaffId, string StaffName, string PostId, string? ActingFor, DateTimeOffset Since, DateTimeOffset? Until);

    /// <param name="history">The journal in sequence order.</param>
    /// <param name="closed">The case is closed and held by nobody: the last holder's time ends with the last entry.</param>
    public static List<Holder> Of(IReadOnlyList<CaseHistoryEntry> history, bool closed)
    {
        var rows = history.Where(h => h.Action != CaseAction.Evaluate).ToList();
        var holders = new List<Holder>();
        foreach (var h in rows.Where(h => !CaseLabels.IsSystemActor(h.ActorId)))
        {
            var last = holders.Count == 0 ? null : holders[^1];
            if (last is not null && last.StaffId == h.ActorId && last.PostId == h.PostId) continue;
            if (last is not null) holders[^1] = last with { Until = h.At };
            holders.Add(new Holder(h.ActorId, h.ActorName, h.PostId, h.ActingForId, h.At, null));
        }

        if (closed && holders.Count > 0 && rows.Count > 0) holders[^1] = holders[^1] with { Until = rows[^1].At };
        return holders;
    }
}
