using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tongban.Gateway.Auth;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.TimeLimits;

/// <summary>GET /api/notifications: reminders (催办), supervision, withdrawals and milestones for the caller's posts or the caller.</summary>
public static class MyNotifications
{
    public sealed record Row(Guid Id, Guid CaseId, string Kind, string Text, DateTimeOffset CreatedAt, string? PostId);

    public static void MapMyNotifications(this RouteGroupBuilder api) =>
        api.MapGet("/notifications", HandleAsync).WithTags("Time limits").WithSummary("Notifications for the caller's posts and for the caller, newest first.").Produces<List<Row>>();

    private static async Task<IResult> HandleAsync(ClaimsPrincipal user, StaffActors staff, TongbanDbContext db, CancellationToken ct, int limit = 100)
    {
        var actor = await staff.CurrentAsync(ct);
        var posts = actor.Posts.Select(p => p.PostId).ToList();
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => (n.RecipientPostId != null && posts.Contains(n.RecipientPostId)) || n.RecipientStaffId == me)
            .OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(limit, 1, 500))
            .Select(n => new Row(n.Id, n.CaseId, n.Kind, n.Text, n.CreatedAt, n.RecipientPostId))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }
}
