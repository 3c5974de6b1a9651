using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tongban.Contracts;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;
using Tongban.Workflows.Runtime.Telemetry;

namespace Tongban.Services.Cases;

/// <summary>
/// Resumes a case at the receiving jurisdiction: the bookmark the sender left (a transit state) is resumed
/// by the Receive transition, which puts the case at the receiving post's work queue.
/// </summary>
public sealed class HandOffCaseConsumer(
    TongbanDbContext db,
    CaseWorkflow workflow,
    TimeProvider clock,
    NodeOptions node,
    PostAssignmentCache posts,
    ILogger<HandOffCaseConsumer> logger) : IConsumer<HandOffCase>
{
    public async Task Consume(ConsumeContext<HandOffCase> context)
    {
        var message = context.Message;
        var messageId = context.MessageId ?? throw new InvalidOperationException("A hand-off without a MessageId cannot be de-duplicated.");
        var ct = context.CancellationToken;

        // Recorded, not looked up: a copy of a hand-off already applied cannot commit (the inbox key refuses it, and with it
        // the copy's effect), so the inbox is read only when the receive was refused or the save failed (below).
        db.Record(messageId, nameof(HandOffCaseConsumer), clock.GetUtcNow());

        var role = Enum.Parse<PostRole>(message.ToRole);
        var post = (await posts.PostsOfAsync(db, message.ToJurisdictionId, message.ToJurisdictionId, ct)).FirstOrDefault(p => p.Role == role)?.Id
            // A misconfigured post register: the bureau sees this text on the dead letter, so it says what to fix.
            ?? throw new InvalidOperationException($"No {role} post in jurisdiction {message.ToJurisdictionId}: hand-off {messageId} of case {message.CaseId} cannot be received until the post register has one.");
        var actor = Actor.Node(node.Name, new PostAssignment(post, message.ToJurisdictionId, role));

        var result = message.TaskId is { } taskId
            ? await workflow.ReceiveTaskAsync(message.CaseId, taskId, actor, messageId, ct)
            : await workflow.ApplyAsync(message.CaseId, CaseAction.Receive, actor, ActionInput.None.Instance, expectedVersion: null, ct, messageId);
        if (result is not WorkflowResult.Done)
        {
            if (await DuplicateAsync(messageId, message, ct)) return;
            if (await OvertakenAsync(message, ct) is { } why)
            {
                // Nothing left to receive: the inbox row alone is committed, so a copy is ignored too.
                logger.LogInformation("Hand-off {MessageId} of case {CaseId} arrived after the case was {Why}; dropped", messageId, message.CaseId, why);
                await db.SaveChangesAsync(ct);
                return;
            }

            // A hand-off that does not fit the case is a defect, not a transient fault: let it go to the error queue.
            throw new InvalidOperationException($"Hand-off {messageId} of case {message.CaseId} cannot be received: {result}");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A copy applied meanwhile by another consumer (the inbox key, or the case's version): nothing to redo.
            // Anything else goes back to MassTransit's retry, which runs the message again from a fresh scope.
            db.ChangeTracker.Clear();
            if (await DuplicateAsync(messageId, message, ct)) return;
            throw;
        }

        // SentAt is stamped in the sender's transaction, just before its commit: this is commit to commit.
        EngineMetrics.RecordHandOff(clock.GetUtcNow() - message.SentAt, message.Action, message.ToJurisdictionId);
    }

    private async Task<bool> DuplicateAsync(Guid messageId, HandOffCase message, CancellationToken ct)
    {
        if (!await db.SeenAsync(messageId, nameof(HandOffCaseConsumer), ct)) return false;
        logger.LogInformation("Hand-off {MessageId} of case {CaseId} already applied; ignoring the copy", messageId, message.CaseId);
        return true;
    }

    /// <summary>
    /// Why a hand-off that no longer fits was overtaken while in flight, or null (then it is a defect): the case closed
    /// (视为撤回), its branch task cancelled with it, or a route migration plan put the case on the receiving node
    /// already. Asked only when the receive was refused, so the hot path reads nothing extra.
    /// </summary>
    private async Task<string?> OvertakenAsync(HandOffCase message, CancellationToken ct)
    {
        if (await db.Cases.AnyAsync(c => c.Id == message.CaseId && c.ClosedAt != null, ct)) return "closed";
        if (message.TaskId is { } task && await db.CaseTasks.AnyAsync(t => t.Id == task && t.Status == BranchTaskStatus.Cancelled, ct)) return "closed (its branch task cancelled)";
        var sent = await db.CaseHistory.Where(h => h.Id == message.HandOffId).Select(h => (int?)h.Sequence).SingleOrDefaultAsync(ct);
        return sent is { } sequence && await db.CaseHistory.AnyAsync(h => h.CaseId == message.CaseId && h.Action == CaseAction.Migrate && h.Sequence > sequence, ct)
            ? "migrated"
            : null;
    }
}
