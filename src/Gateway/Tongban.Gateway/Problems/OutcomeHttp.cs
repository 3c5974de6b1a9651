using Tongban.UseCases;

namespace Tongban.Gateway.Problems;

/// <summary>The one mapping of a use case's outcome to HTTP: 400 naming the field, 403, 404, 409 with the reason.</summary>
public static class OutcomeHttp
{
    public static IResult ToHttp<T>(this Outcome<T> outcome, Func<T, IResult> ok) => outcome switch
    {
        Outcome<T>.Ok o => ok(o.Value),
        Outcome<T>.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "输入有误"),
        Outcome<T>.Forbidden f => TypedResults.Problem(f.Reason, statusCode: StatusCodes.Status403Forbidden, title: "无权办理"),
        Outcome<T>.Conflict c => TypedResults.Problem(CaseProblems.Conflict(c.Reason)),
        Outcome<T>.NotFound n => TypedResults.Problem(n.Reason, statusCode: StatusCodes.Status404NotFound, title: "未找到"),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
    };

    public static async Task<IResult> ToHttpAsync<T>(this Outcome<T> outcome, Func<T, Task<IResult>> ok) =>
        outcome is Outcome<T>.Ok o ? await ok(o.Value) : outcome.ToHttp(_ => throw new InvalidOperationException());
}
