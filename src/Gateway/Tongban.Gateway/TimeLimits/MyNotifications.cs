using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.People;

namespace Tongban.Gateway.TimeLimits;

/// <summary>GET /api/notifications: reminders (催办), supervision, withdrawals and milestones for the caller's posts or the caller.</summary>
public static class MyNotifications
{
    public sealed record Row(Guid Id, Guid CaseId, string Kind, string Text, DateTimeOffset CreatedAt, string? PostId);

    public static void MapMyNotifications(this RouteGroupBuilder api) =>
        api.MapGet("/notifications", async (ListMyNotifications useCase, StaffActors staff, CancellationToken ct, int limit = ListMyNotifications.DefaultLimit) =>
                (await useCase.HandleAsync(new(limit), await staff.CurrentAsync(ct), ct))
                    .ToHttp(rows => TypedResults.Ok(rows.Select(n => new Row(n.Id, n.CaseId, n.Kind, n.Text, n.CreatedAt, n.RecipientPostId)).ToList())))
            .WithTags("Time limits").WithSummary("Notifications for the caller's posts and for the caller, newest first.").Produces<List<Row>>();
}
