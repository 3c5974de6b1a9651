using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.UseCases;

/// <summary>
/// What a use case came to. A closed union: the API maps it to HTTP in one place (<c>OutcomeHttp</c>), the
/// pages to a form state in one place (<c>OutcomePages</c>). Nothing was written unless it is <see cref="Ok"/>
/// (a refused case action leaves only its <c>denied</c> audit record).
/// </summary>
public abstract record Outcome<T>
{
    private protected Outcome() { }

    public sealed record Ok(T Value) : Outcome<T>;

    /// <summary>Input errors keyed by field, as the API names them (e.g. <c>missing[0].problem</c>).</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Outcome<T>;

    /// <summary>Not this person's post, jurisdiction or role (403).</summary>
    public sealed record Forbidden(string Reason) : Outcome<T>;

    /// <summary>Does not fit the current state, or lost a race with another clerk (409).</summary>
    public sealed record Conflict(string Reason) : Outcome<T>;

    public sealed record NotFound(string Reason) : Outcome<T>;

    public static implicit operator Outcome<T>(T value) => new Ok(value);
}

/// <summary>Shorthands for the refusals every use case gives.</summary>
public static class Outcome
{
    public const string CaseNotFound = "案件不存在。";
    public const string LostRace = "案件已被他人更新，本次操作未生效，请刷新后重试。";

    public static Outcome<T> Invalid<T>(string field, string message) =>
        new Outcome<T>.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Outcome<T> Invalid<T>(IReadOnlyDictionary<string, string[]> errors) => new Outcome<T>.Invalid(errors);

    public static Outcome<T> Forbidden<T>(string reason) => new Outcome<T>.Forbidden(reason);

    public static Outcome<T> Conflict<T>(string reason) => new Outcome<T>.Conflict(reason);

    public static Outcome<T> NotFound<T>(string reason = CaseNotFound) => new Outcome<T>.NotFound(reason);

    /// <summary>The engine's refusal as an outcome (a <see cref="WorkflowResult.Done"/> is not a refusal).</summary>
    public static Outcome<T> From<T>(WorkflowResult refused) => refused switch
    {
        WorkflowResult.Invalid i => new Outcome<T>.Invalid(i.Errors),
        WorkflowResult.Refused { Kind: RefusalKind.NotYourPost } r => new Outcome<T>.Forbidden(r.Reason),
        WorkflowResult.Refused r => new Outcome<T>.Conflict(r.Reason),
        WorkflowResult.Stale s => new Outcome<T>.Conflict($"案件已被他人更新（您看到的是第 {s.Expected} 版，当前为第 {s.Actual} 版），本次操作未生效，请刷新后重试。"),
        WorkflowResult.NotFound => new Outcome<T>.NotFound(CaseNotFound),
        _ => throw new InvalidOperationException($"{refused} is not a refusal."),
    };
}
