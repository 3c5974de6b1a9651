using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Residents;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// Stages a <see cref="ResidentNotice"/> for every milestone journal entry in the save that writes it — whichever
/// door or node made the step (a township's accept, a node's Receive into 待交付, a unit head's extension
/// approval) — so the notice exists exactly when the milestone does. Cases whose resident opted out get none.
/// On the <c>Local</c> channel there is nothing to send: the notice is written as sent (kept for the window to read),
/// as the relay would have marked it a moment later, without the relay's claim and per-notice save for each one
/// (about five statements per notice, a milestone every third transition: docs/benchmarks-history.md).
/// </summary>
public sealed class ResidentNoticeStaging(ItemVersionCache items, JurisdictionNames jurisdictions, IOptions<TimeLimitOptions> limits, IOptions<NoticeOptions> notices, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // Synchronous saves are rare (none on the case paths today); the staging reads are short.
        StageAsync((TongbanDbContext)eventData.Context!, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await StageAsync((TongbanDbContext)eventData.Context!, cancellationToken);
        return result;
    }

    private async Task StageAsync(TongbanDbContext db, CancellationToken ct)
    {
        var added = db.ChangeTracker.Detected<CaseHistoryEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;

        var now = clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(limits.Value.TimeZone);
        var local = notices.Value.Channel == NoticeChannels.Local;
        foreach (var entry in added)
        {
            var c = db.ChangeTracker.Detected<Case>().Select(e => e.Entity).FirstOrDefault(x => x.Id == entry.CaseId);
            if (c is null || c.NoticesOptedOut) continue;
            // Which entries are milestones depends on what the state reached is in the case's route (its definition).
            var item = await items.GetAsync(db, c.ItemVersionId, ct);
            if (MilestoneNotices.Of(item.Definition, entry.Action, entry.ToState, entry.ReadDetail()) is not { } milestone) continue;
            // A save retried on the same context (after a failure) has staged this one already.
            if (db.ChangeTracker.Detected<ResidentNotice>().Any(n => n.Entity.CaseId == c.Id && n.Entity.Sequence == entry.Sequence && n.Entity.Milestone == milestone)) continue;

            var names = item.Spec.Materials.ToDictionary(m => m.Code, m => m.Name, StringComparer.Ordinal);
            var places = await jurisdictions.NamesAsync(db, [c.IntakeCommunityId, c.RegistrationTownshipId], ct);
            var facts = new NoticeFacts(Mask.Name(c.ApplicantName), c.Number, $"{places[0]}便民服务窗口", places[1])
            {
                DueDate = c.OverallDueAt is { } due ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, zone).DateTime) : null,
                ToBring = milestone == Milestone.CorrectionNeeded
                    ? [.. c.MissingMaterials.Select(m => names.TryGetValue(m.Code, out var name) ? name : m.Code)]
                    : [],
            };
            db.Add(new ResidentNotice
            {
                Id = Guid.CreateVersion7(now),
                CaseId = c.Id,
                Sequence = entry.Sequence,
                Milestone = milestone,
                CommunityId = c.IntakeCommunityId,
                Phone = c.ApplicantPhone,
                Text = MilestoneNotices.Text(milestone, facts),
                Parameters = JsonSerializer.Serialize(MilestoneNotices.Parameters(facts), Json),
                CreatedAt = now,
                Status = local ? NoticeStatus.Sent : NoticeStatus.Pending,
                NextAttemptAt = now,
                Attempts = local ? 1 : 0,
                SentAt = local ? now : null,
                Channel = local ? NoticeChannels.Local : null,
                DeliveryStatus = local ? ResidentNoticeRelay.LocalStatus : null,
            });
        }
    }
}
