using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Cases.Steps;

/// <summary>
/// A vetted step kind routes combine (one file each in this folder, listed in <see cref="StepRegistry"/>): its name as
/// routes spell it, the engine action it runs, the request fields it reads and their validation (bounds), the stage
/// clock a task offering it runs, its effect on the case (record, overall clock, notices to staff) and the milestone
/// notice the resident gets. What every step does (state, holder, stage clock, timers, journal, messages) is the
/// decider's (<see cref="TransitionDecider"/>).
/// </summary>
public abstract class StepKind
{
    /// <summary>The step kind as routes and the generic step endpoint name it (e.g. signFor).</summary>
    public abstract string Name { get; }

    public abstract CaseAction Action { get; }

    /// <summary>The stage clock (签收, 受理, 办理, 专员审核, 出具意见) a task offering this step runs; null: only the overall clock.</summary>
    public virtual string? Stage => null;

    /// <summary>The request fields the step reads (JSON names); any other field sent with it is refused, naming it.</summary>
    public virtual IReadOnlyList<string> Fields => [];

    /// <summary>Bounds of this step's fields that hold whenever they are sent, whichever step they are sent with.</summary>
    public virtual void CheckBounds(StepFields fields, IFieldErrors errors)
    {
    }

    /// <summary>The step's input from the request fields, with what is wrong added to <paramref name="errors"/> (null: unreadable).</summary>
    public virtual ActionInput? Read(StepFields fields, IFieldErrors errors) => ActionInput.None.Instance;

    /// <summary>What the step changes besides moving the case: its record, the overall clock, notices to staff.</summary>
    public virtual StepChange Apply(StepContext step) => step.Unchanged;

    /// <summary>The milestone the resident is told of when the step is taken; <paramref name="resultAtWindow"/>: it leads to the state whose step is delivery.</summary>
    public virtual Milestone? ResidentMilestone(bool resultAtWindow) => null;

    /// <summary>首问负责: the first-contact person hears of the case's milestones.</summary>
    protected static Notice FirstContact(CaseFacts facts, CaseAction action, string text) =>
        new(null, facts.FirstContactStaffId, $"first-contact.{action}", text);
}

/// <summary>The fields a step request carries (API body or page form), as sent, before a step kind reads them.</summary>
public sealed record StepFields
{
    public IReadOnlyList<MissingMaterial>? Missing { get; init; }
    public IReadOnlyList<string>? Materials { get; init; }
    public bool? Approved { get; init; }
    public string? Text { get; init; }

    /// <summary>办结's seal (用章登记): read and recorded by the use case, which owns the seal ledger.</summary>
    public bool HasSeal { get; init; }

    public string? Method { get; init; }
    public int? Level { get; init; }

    /// <summary>Every field a step request may carry, in order, and whether it was sent.</summary>
    public IEnumerable<(string Field, bool Sent)> All =>
    [
        ("missing", Missing is not null), ("materials", Materials is not null), ("approved", Approved is not null), ("text", Text is not null),
        ("seal", HasSeal), ("method", Method is not null), ("level", Level is not null),
    ];
}

/// <summary>Where a step kind reports bad input, by field (the use case's FieldErrors, answered as ProblemDetails naming the field).</summary>
public interface IFieldErrors
{
    void Add(string field, string message);

    /// <summary>An optional text of at most <paramref name="max"/> characters, trimmed (empty becomes null), refused with hidden characters.</summary>
    string? Optional(string field, string? value, int max, string message, bool oneLine = false);
}
