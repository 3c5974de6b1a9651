using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases.Bureau;

/// <summary>
/// Most urgent first: by the earliest due instant of the case's running clocks (red sorts first, its instant is
/// past); cases without a running clock (stopped, no limit, completed) follow, newest first.
/// </summary>
public static class BureauOrder
{
    public static IQueryable<Case> MostUrgentFirst(IQueryable<Case> cases) =>
        cases.OrderBy(c => c.EarliestDueAt == null).ThenBy(c => c.EarliestDueAt).ThenByDescending(c => c.OpenedAt).ThenBy(c => c.Id);
}
