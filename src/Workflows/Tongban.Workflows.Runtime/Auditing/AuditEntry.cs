using Tongban.Workflows.Auditing;

namespace Tongban.Workflows.Runtime.Auditing;

/// <summary>
/// What a caller records: who (<paramref name="ActorId"/>, a staff login or <c>node:&lt;name&gt;</c>), when,
/// what (<paramref name="Action"/>, see <see cref="AuditActions"/>) on which <paramref name="Subject"/>, and the
/// <paramref name="Outcome"/> (see <see cref="AuditOutcomes"/>). <paramref name="Detail"/> must never carry
/// residents' personal data.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string ActorId,
    string Action,
    string Subject,
    string Outcome,
    Guid? CaseId = null,
    string? Reason = null,
    string? Detail = null)
{
    /// <summary>An action on a case; the subject is <c>case:&lt;id&gt;</c>.</summary>
    public static AuditEntry ForCase(DateTimeOffset at, string actorId, string action, Guid caseId, string outcome = AuditOutcomes.Ok, string? reason = null, string? detail = null) =>
        new(at, actorId, action, AuditSubjects.Case(caseId), outcome, caseId, reason, detail);
}
