using System.Text.Json;
using Tongban.Contracts;
using Tongban.Workflows.Runtime.DeadLetters;

namespace Tongban.UseCases.DeadLetters;

/// <summary>A dead letter as the API and the bureau page show it: the hand-off's ids and route, the failure, and the replay state.</summary>
public sealed record DeadLetterView(
    Guid Id,
    Guid MessageId,
    string MessageType,
    string DestinationQueue,
    Guid CaseId,
    string CaseNumber,
    string Action,
    string FromJurisdictionId,
    string ToJurisdictionId,
    string ToRole,
    string ExceptionType,
    string ExceptionMessage,
    DateTimeOffset FaultedAt,
    string FaultedOn,
    int FaultCount,
    DeadLetterStatus Status,
    DateTimeOffset? ReplayedAt,
    string? ReplayedBy,
    int ReplayCount,
    string Body)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DeadLetterView From(DeadLetter d)
    {
        var handOff = JsonSerializer.Deserialize<HandOffCase>(d.Body, Json)!;
        return new(d.Id, d.MessageId, d.MessageType, d.DestinationQueue, d.CaseId, handOff.CaseNumber, handOff.Action, handOff.FromJurisdictionId,
            handOff.ToJurisdictionId, handOff.ToRole, d.ExceptionType, d.ExceptionMessage, d.FaultedAt, d.FaultedOn, d.FaultCount, d.Status,
            d.ReplayedAt, d.ReplayedBy, d.ReplayCount, d.Body);
    }
}
