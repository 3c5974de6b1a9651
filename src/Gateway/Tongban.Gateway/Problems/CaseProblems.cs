using Microsoft.AspNetCore.Mvc;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;

namespace Tongban.Gateway.Problems;

/// <summary>Maps what the workflow engine said to HTTP: 400 invalid input, 403 not your post, 409 illegal or conflicting.</summary>
public static class CaseProblems
{
    public static IResult ToHttp(this WorkflowResult result) => result switch
    {
        WorkflowResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "输入有误"),
        WorkflowResult.Refused { Kind: RefusalKind.NotYourPost } r => TypedResults.Problem(r.Reason, statusCode: StatusCodes.Status403Forbidden, title: "无权办理"),
        WorkflowResult.Refused r => TypedResults.Problem(Conflict(r.Reason)),
        WorkflowResult.NotFound => NotFound(),
        WorkflowResult.Stale s => TypedResults.Problem(Conflict($"案件已更新（您看到的是第 {s.Expected} 版，当前为第 {s.Actual} 版），请刷新后重试。")),
        _ => throw new InvalidOperationException($"{result} is not a problem."),
    };

    public static ProblemDetails Conflict(string reason) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "操作与案件当前状态冲突",
        Detail = reason,
    };

    public static IResult NotFound() => TypedResults.Problem("案件不存在。", statusCode: StatusCodes.Status404NotFound, title: "未找到");

    public static IResult Forbidden(string reason) => TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "无权访问");
}
