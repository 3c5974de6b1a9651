using MassTransit;
using Tongban.Contracts;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Services.Bureau;

/// <summary>
/// 行政审批局: follows every case in the county from its transition events. Events may arrive out of order
/// (several relays), so only a newer sequence moves the view forward; the inbox drops redeliveries.
/// </summary>
public sealed class CaseMonitorConsumer(TongbanDbContext db, TimeProvider clock) : IConsumer<CaseTransitioned>
{
    public async Task Consume(ConsumeContext<CaseTransitioned> context)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        if (await db.AlreadyProcessedAsync(context.MessageId!.Value, nameof(CaseMonitorConsumer), clock.GetUtcNow(), ct)) return;

        var view = await db.MonitoredCases.FindAsync([e.CaseId], ct);
        if (view is null)
        {
            view = new MonitoredCase
            {
                CaseId = e.CaseId,
                CaseNumber = e.CaseNumber,
                ItemCode = e.ItemCode,
                State = e.ToState,
                IntakeCommunityId = e.IntakeCommunityId,
                RegistrationTownshipId = e.RegistrationTownshipId,
            };
            db.MonitoredCases.Add(view);
        }

        view.Transitions++;
        if (e.Sequence > view.LastSequence)
        {
            view.LastSequence = e.Sequence;
            view.State = e.ToState;
            view.HolderPostId = e.HolderPostId;
            view.LastTransitionAt = e.At;
        }

        await db.SaveChangesAsync(ct);
    }
}
