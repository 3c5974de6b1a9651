using Tongban.Gateway.Auth;
using Tongban.UseCases.WorkQueue;

namespace Tongban.Gateway.Cases;

/// <summary>
/// GET /api/work-queue: the cases waiting at the caller's posts, most urgent first; as B while A is present, only
/// the cases escalated to B. The question is <see cref="ReadWorkQueue"/>'s, as the page 待办 asks it; this translates.
/// </summary>
public static class WorkQueue
{
    /// <summary>A case at the post, or (with <see cref="TaskId"/>) a branch task of 并联办理 at the post, after the cases.</summary>
    public sealed record Row(Guid Id, string Number, string ItemCode, string State, string PostId, string ApplicantName, string IdNumberMasked, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, int Version)
    {
        public Guid? TaskId { get; init; }

        /// <summary>The task's route node, e.g. CjlOpinion; act on it with POST /api/cases/{id}/tasks/{taskId}/{stepKind}.</summary>
        public string? TaskNode { get; init; }

        public DateTimeOffset? TaskDueAt { get; init; }
    }

    public static void MapWorkQueue(this RouteGroupBuilder api) =>
        api.MapGet("/work-queue", HandleAsync)
            .WithTags("Cases")
            .WithSummary("Cases at the caller's posts (or one of them: post=…), most urgent first; as B while A is present, only those escalated to B. ID numbers are masked.")
            .Produces<List<Row>>()
            .ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(StaffActors staff, ReadWorkQueue queue, CancellationToken ct, string? post = null, int limit = 100, int offset = 0)
    {
        var result = await queue.HandleAsync(new ReadWorkQueue.Request(await staff.CurrentAsync(ct), post, limit, offset), ct);
        return result switch
        {
            ReadWorkQueue.Result.Read read => TypedResults.Ok(read.Queue.Cases.Select(c => new Row(
                c.Id, c.Number, c.ItemCode, c.State, c.CurrentPostId!, c.ApplicantName, CaseView.MaskId(c.ApplicantIdNumber), c.OpenedAt, c.UpdatedAt, c.Version))
                .Concat(read.Queue.Tasks.Select(t => new Row(
                    t.Case.Id, t.Case.Number, t.Case.ItemCode, t.Case.State, t.Task.PostId!, t.Case.ApplicantName, CaseView.MaskId(t.Case.ApplicantIdNumber), t.Case.OpenedAt, t.Case.UpdatedAt, t.Case.Version)
                    { TaskId = t.Task.Id, TaskNode = t.Task.Node, TaskDueAt = t.Task.DueAt })).ToList()),
            ReadWorkQueue.Result.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "输入有误"),
            _ => throw new InvalidOperationException(result.GetType().Name),
        };
    }
}
