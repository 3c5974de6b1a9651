using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.People;

/// <summary>My notifications: reminders (催办), supervision, withdrawals and milestones for the posts I act at today, or for me; newest first.</summary>
public sealed class ListMyNotifications(TongbanDbContext db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <param name="Limit">How many, 1 to <see cref="MaxLimit"/> (clamped); <see cref="DefaultLimit"/> when null.</param>
    public sealed record Request(int? Limit);

    public async Task<Outcome<IReadOnlyList<Notification>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        var posts = actor.Posts.Select(p => p.PostId).ToList();
        var me = actor.Id;
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => (n.RecipientPostId != null && posts.Contains(n.RecipientPostId)) || n.RecipientStaffId == me)
            .OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(request.Limit ?? DefaultLimit, 1, MaxLimit))
            .ToListAsync(ct);
        return new Outcome<IReadOnlyList<Notification>>.Ok(rows);
    }
}
