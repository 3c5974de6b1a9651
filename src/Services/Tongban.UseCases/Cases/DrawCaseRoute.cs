using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Cases;

/// <summary>
/// The instance view: the case's route drawn as a diagram (lanes per participant, branches, hand-offs), with where the
/// case is now marked — its own state's node and every open branch task (并联办理), each with who holds it and until
/// when, red when late. For the case page and <c>GET /api/cases/{id}/route.svg</c>; who may see the case may see it.
/// </summary>
public sealed class DrawCaseRoute(GetCase getCase, TongbanDbContext db, RouteLibrary routes, TimeProvider clock)
{
    public sealed record Request(Guid CaseId);

    public async Task<Outcome<string>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        switch (await getCase.HandleAsync(new(request.CaseId), actor, ct))
        {
            case Outcome<GetCase.Found>.Ok { Value: var found }:
                var route = routes.Find(found.Item.Spec.Route);
                if (route is null) return Outcome.NotFound<string>();
                var now = clock.GetUtcNow();
                var c = found.Case;
                var posts = await db.Posts.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
                var progress = new List<RouteDiagram.NodeProgress>();
                if (route.Node(c.State) is not null && c.ClosedAt is null)
                {
                    var late = c.EarliestDueAt is { } due && now > due;
                    progress.Add(new(c.State, late, $"当前环节{(c.CurrentPostId is { } post ? $"：{posts.GetValueOrDefault(post, post)}" : "")}{(late ? "（已超时）" : "")}"));
                }

                var tasks = await db.CaseTasks.AsNoTracking().Where(t => t.CaseId == c.Id && (t.Status == BranchTaskStatus.Open || t.Status == BranchTaskStatus.InTransit)).ToListAsync(ct);
                foreach (var t in tasks)
                {
                    var late = t.DueAt is { } due && now > due;
                    var holder = t.PostId is { } post ? posts.GetValueOrDefault(post, post) : "移交中";
                    progress.Add(new(t.Node, late, $"协办：{holder}{(late ? "（已超时）" : "")}"));
                }

                return RouteDiagram.ToSvg(route, [], null, progress);
            case Outcome<GetCase.Found>.Forbidden forbidden:
                return Outcome.Forbidden<string>(forbidden.Reason);
            default:
                return Outcome.NotFound<string>();
        }
    }
}
