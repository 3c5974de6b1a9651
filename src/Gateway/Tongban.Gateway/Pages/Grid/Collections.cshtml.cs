using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Requests;
using Tongban.Workflows.Definitions;

namespace Tongban.Gateway.Pages.Grid;

/// <summary>
/// 上门收件 for the grid worker, made for a tablet: their collections by appointment, the resident's contact after a
/// stated reason (audited), and what was collected — the same use cases as /api/collections.
/// </summary>
[ForRoles(PostRole.GridWorker)]
public sealed class CollectionsModel(ListCollections list, CountyClock clock) : StaffPage
{
    public IReadOnlyList<ListCollections.Row> Rows { get; private set; } = [];

    public Guid? ContactFor { get; private set; }

    public ViewRequestContact.Contact? Contact { get; private set; }

    public Guid? ErrorsFor { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public CountyClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await list.HandleAsync(new(100), Me.Actor, ct);
        if (outcome is Outcome<IReadOnlyList<ListCollections.Row>>.Forbidden f) return Forbidden(f.Reason);
        if (outcome is Outcome<IReadOnlyList<ListCollections.Row>>.Ok { Value: var rows }) Rows = rows;
        return Page();
    }

    public async Task<IActionResult> OnPostContactAsync(Guid requestId, Guid taskId, string? reason, [FromServices] ViewRequestContact view, CancellationToken ct)
    {
        var outcome = await view.HandleAsync(new(requestId, reason), Me.Actor, ct);
        switch (outcome)
        {
            case Outcome<ViewRequestContact.Contact>.Ok { Value: var contact }:
                (Contact, ContactFor) = (contact, taskId);
                break;
            case Outcome<ViewRequestContact.Contact>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case Outcome<ViewRequestContact.Contact>.NotFound:
                return NotFoundPage();
            case Outcome<ViewRequestContact.Contact>.Invalid invalid:
                ErrorsFor = taskId;
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        return await OnGetAsync(ct);
    }

    public async Task<IActionResult> OnPostCollectedAsync(Guid taskId, List<string> materials, string? note, int? version, [FromServices] RecordCollection record, CancellationToken ct)
    {
        var outcome = await record.HandleAsync(new(taskId, [.. materials], note, version), Me.Actor, ct);
        switch (outcome)
        {
            case Outcome<Workflows.Runtime.Requests.CollectionTask>.Ok { Value: var task }:
                SetFlash($"已登记收取 {task.Collected.Count} 项材料，社区窗口将据此接件。");
                return Redirect("/grid/collections");
            case Outcome<Workflows.Runtime.Requests.CollectionTask>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case Outcome<Workflows.Runtime.Requests.CollectionTask>.NotFound:
                return NotFoundPage();
            case Outcome<Workflows.Runtime.Requests.CollectionTask>.Conflict conflict:
                Errors["collected"] = conflict.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case Outcome<Workflows.Runtime.Requests.CollectionTask>.Invalid invalid:
                foreach (var (key, messages) in invalid.Errors) Errors[key] = string.Join(" ", messages);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        ErrorsFor = taskId;
        var status = Response.StatusCode;
        await OnGetAsync(ct);
        Response.StatusCode = status;
        return Page();
    }
}
