using System.Text.Json;
using System.Text.Json.Serialization;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Clocks;

namespace Tongban.Workflows.Cases;

/// <summary>
/// What a journal entry (the case history) says the step carried, without personal data. Stored as JSON in the
/// entry's Detail column; the property names are those the journal has always had (camelCase, enums as names),
/// so older rows read as these records and readers that go by key names keep working.
/// </summary>
public abstract record JournalDetail;

/// <summary>退回补正: the one complete list of what is missing or wrong.</summary>
public sealed record CorrectionListDetail(IReadOnlyList<MissingMaterial> Missing) : JournalDetail;

/// <summary>Materials handed in later: with the correction (补正), or the promised ones of 容缺受理.</summary>
public sealed record MaterialsSuppliedDetail(IReadOnlyList<string> Materials) : JournalDetail;

/// <summary>办结: approved with a result, or rejected with a reason.</summary>
public sealed record DecisionDetail(bool Approved, string Text) : JournalDetail;

public sealed record DeliveryDetail(DeliveryMethod Method) : JournalDetail;

/// <summary>好差评: only the level; nothing about the rater.</summary>
public sealed record EvaluationDetail(int Level) : JournalDetail;

/// <summary>中止计时 for a special procedure, with the reason the applicant is told.</summary>
public sealed record ClockStoppedDetail(SpecialProcedure Procedure, string Reason) : JournalDetail
{
    [JsonIgnore]
    public ClockStop Stop => ClockStops.For(Procedure);
}

/// <summary>恢复计时: which stop ended.</summary>
public sealed record ClockResumedDetail(ClockStop Stopped) : JournalDetail;

public sealed record ExtensionRequestedDetail(int WorkingDays, string Reason) : JournalDetail;

public sealed record ExtensionDecidedDetail(Guid RequestId, bool Approve, string? Note) : JournalDetail;

/// <summary>
/// A step on a branch task (并联办理): which task and node; for an assisting unit's opinion (出具意见), whether it
/// agrees and its text.
/// </summary>
public sealed record BranchTaskDetail(Guid TaskId, string Node, bool? Agrees = null, string? Text = null) : JournalDetail;

/// <summary>The one way journal details are written and read.</summary>
public static class JournalDetails
{
    private static readonly JsonSerializerOptions Json = CatalogFile.Json;

    public static string? Write(JournalDetail? detail) => detail is null ? null : JsonSerializer.Serialize(detail, detail.GetType(), Json);

    /// <summary>The typed detail of an entry; which record it is follows from the entry's action.</summary>
    public static JournalDetail? Read(CaseAction action, string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        var type = TypeFor(action);
        return type is null ? null : (JournalDetail?)JsonSerializer.Deserialize(json, type, Json);
    }

    /// <summary>What a route action's input puts in the journal.</summary>
    public static JournalDetail? Of(ActionInput input) => input switch
    {
        ActionInput.ReturnForCorrection r => new CorrectionListDetail(r.Missing),
        ActionInput.Resubmit r => new MaterialsSuppliedDetail(r.Materials),
        ActionInput.Decide d => new DecisionDetail(d.Approved, d.Text),
        ActionInput.Deliver d => new DeliveryDetail(d.Method),
        ActionInput.Evaluate e => new EvaluationDetail(e.Level),
        _ => null,
    };

    private static Type? TypeFor(CaseAction action) => action switch
    {
        CaseAction.ReturnForCorrection => typeof(CorrectionListDetail),
        CaseAction.Resubmit or CaseAction.SupplyMaterials => typeof(MaterialsSuppliedDetail),
        CaseAction.Decide => typeof(DecisionDetail),
        CaseAction.Deliver => typeof(DeliveryDetail),
        CaseAction.Evaluate => typeof(EvaluationDetail),
        CaseAction.StopClock => typeof(ClockStoppedDetail),
        CaseAction.ResumeClock => typeof(ClockResumedDetail),
        CaseAction.RequestExtension => typeof(ExtensionRequestedDetail),
        CaseAction.DecideExtension => typeof(ExtensionDecidedDetail),
        CaseAction.GiveOpinion => typeof(BranchTaskDetail),
        _ => null,
    };
}
