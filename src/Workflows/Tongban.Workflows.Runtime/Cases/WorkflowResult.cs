using Tongban.Workflows.Cases;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>What asking the engine for a transition came to. Nothing is saved unless it is <see cref="Done"/>.</summary>
public abstract record WorkflowResult
{
    private WorkflowResult() { }

    public sealed record Done(Case Case, CaseHistoryEntry Entry) : WorkflowResult;

    public sealed record Refused(RefusalKind Kind, string Reason) : WorkflowResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : WorkflowResult;

    public sealed record NotFound : WorkflowResult;

    /// <summary>The caller acted on an older version of the case than the one stored (If-Match).</summary>
    public sealed record Stale(int Expected, int Actual) : WorkflowResult;
}
