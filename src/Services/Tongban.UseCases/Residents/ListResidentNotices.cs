using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Residents;

namespace Tongban.UseCases.Residents;

/// <summary>
/// The notification outbox as the window reads it (群众通知): the milestone notices of the cases taken in at the
/// staff member's community, newest first — in embedded mode (<c>Notices:Channel=Local</c>) this is where they
/// go; with SMS it shows what was sent, when, and what the platform answered. The bureau sees every community's.
/// A lookup code (短信验证码) shows here only on the <c>Local</c> channel, where this list is how it reaches the
/// resident; sent by SMS, its digits are the resident's alone.
/// </summary>
public sealed class ListResidentNotices(TongbanDbContext db, IOptions<NoticeOptions> notices)
{
    public const int MaxTake = 200;

    public sealed record Request(int? Take);

    public sealed record Row(Guid Id, Guid CaseId, Milestone Milestone, string Text, string PhoneMasked, NoticeStatus Status, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? Channel, string? DeliveryStatus, string? LastError);

    public async Task<Outcome<IReadOnlyList<Row>>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (request.Take is < 1 or > MaxTake) return Outcome.Invalid<IReadOnlyList<Row>>("take", $"take 应在 1 到 {MaxTake} 之间。");
        var all = actor.Posts.Any(p => p.Role == PostRole.BureauSupervisor);
        var communities = actor.Posts.Where(p => p.Role == PostRole.WindowClerk).Select(p => p.JurisdictionId).Distinct().ToList();
        if (!all && communities.Count == 0) return Outcome.Forbidden<IReadOnlyList<Row>>("群众通知仅供社区综合窗口和督办科查看。");

        var rows = await db.ResidentNotices.AsNoTracking()
            .Where(n => all || communities.Contains(n.CommunityId))
            .OrderByDescending(n => n.CreatedAt).Take(request.Take ?? 50)
            .ToListAsync(ct);
        return rows.Select(n => new Row(n.Id, n.CaseId, n.Milestone, Shown(n), Mask.KeepEnds(n.Phone, 3, 4), n.Status, n.Attempts, n.CreatedAt, n.SentAt, n.Channel, n.DeliveryStatus, n.LastError)).ToList();
    }

    private string Shown(ResidentNotice notice) =>
        notice.Milestone == Milestone.LookupCode && (notice.Channel ?? notices.Value.Channel) != NoticeChannels.Local ? LookupCodes.WithoutCode(notice.Text) : notice.Text;
}
