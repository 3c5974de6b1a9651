using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Routes;
using Tongban.Workflows.Routes;

namespace Tongban.Gateway.Pages.Admin;

/// <summary>
/// 办理路线: every published route version drawn as a diagram, with the items on it and what of it today's engine
/// cannot run yet; a check of a route file pasted in, its errors marked on the nodes, then 发布 (publish) as a new
/// version; pointing an item at a route version; and a migration plan of running cases (试运行, then 执行). Each is
/// the use case behind the API's /api/routes, /api/catalog/{code}/route and /api/routes/migrations.
/// </summary>
public sealed class AdminRoutesModel : StaffPage
{
    public IReadOnlyList<ListRoutes.RouteEntry> Routes { get; private set; } = [];

    [BindProperty]
    public string? RouteJson { get; set; }

    /// <summary>The checked route's diagram (with its errors marked), when it could be read at all.</summary>
    public string? CheckedSvg { get; private set; }

    /// <summary>What is wrong with the checked route (drawn red), or, for a valid one, what today's engine cannot run yet (amber).</summary>
    public IReadOnlyList<RouteError> CheckErrors { get; private set; } = [];

    public ValidateRoute.RouteCheck? Check { get; private set; }

    /// <summary>The route just published (or found already published with the same content).</summary>
    public PublishRoute.Result? Published { get; private set; }

    /// <summary>Why publishing was refused (409, or a version other than the next).</summary>
    public string? PublishError { get; private set; }

    [BindProperty]
    public string? ItemCode { get; set; }

    [BindProperty]
    public string? ItemRoute { get; set; }

    public ChangeItemRoute.Result? ItemChanged { get; private set; }

    public string? ItemError { get; private set; }

    [BindProperty]
    public string? SourceRoute { get; set; }

    [BindProperty]
    public string? TargetRoute { get; set; }

    /// <summary>The node mapping, one "source=target" a line.</summary>
    [BindProperty]
    public string? MappingText { get; set; }

    [BindProperty]
    public Guid? PlanId { get; set; }

    public RouteMigrationView? Migration { get; private set; }

    public bool Executed { get; private set; }

    public IReadOnlyList<string> MigrationErrors { get; private set; } = [];

    public static string Diagram(RouteFile route, IReadOnlyList<RouteError> notExecutable) => RouteDiagram.ToSvg(route, [], notExecutable);

    public async Task<IActionResult> OnGetAsync([FromServices] ListRoutes list, CancellationToken ct) => await ShowAsync(list, ct);

    public async Task<IActionResult> OnPostValidateAsync([FromServices] ValidateRoute validate, [FromServices] ListRoutes list, CancellationToken ct)
    {
        switch (await validate.HandleAsync(new(RouteJson), Me.Actor, ct))
        {
            case Outcome<ValidateRoute.RouteCheck>.Ok ok:
                Check = ok.Value;
                CheckErrors = ok.Value.NotExecutable;
                break;
            case Outcome<ValidateRoute.RouteCheck>.Invalid invalid:
                CheckErrors = ValidateRoute.ErrorsFromFields(invalid.Errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<ValidateRoute.RouteCheck>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
        }

        // Drawing needs only the file's shape (within the size limits); a file that is not even that has its reason listed instead.
        try
        {
            var route = RouteFile.Parse(RouteJson ?? "");
            var drawable = route.Nodes?.Count <= RouteValidator.MaxNodes && route.Edges?.Count <= RouteValidator.MaxEdges;
            CheckedSvg = !drawable ? null : Check is null ? RouteDiagram.ToSvg(route, CheckErrors) : RouteDiagram.ToSvg(route, [], CheckErrors);
        }
        catch (FormatException)
        {
            CheckedSvg = null;
        }

        return await ShowAsync(list, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync([FromServices] ValidateRoute validate, [FromServices] PublishRoute publish, [FromServices] ListRoutes list, CancellationToken ct)
    {
        switch (await publish.HandleAsync(new(RouteJson), Me.Actor, ct))
        {
            case Outcome<PublishRoute.Result>.Ok ok:
                Published = ok.Value;
                break;
            case Outcome<PublishRoute.Result>.Invalid invalid when invalid.Errors.Keys.All(k => k == "version"):
                PublishError = string.Join("；", invalid.Errors.Values.SelectMany(v => v));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Outcome<PublishRoute.Result>.Invalid:
                // The check's answer, errors on the nodes, as 校验 shows it.
                return await OnPostValidateAsync(validate, list, ct);
            case Outcome<PublishRoute.Result>.Conflict conflict:
                PublishError = conflict.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case Outcome<PublishRoute.Result>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
        }

        return await ShowAsync(list, ct);
    }

    public async Task<IActionResult> OnPostItemRouteAsync([FromServices] ChangeItemRoute change, [FromServices] ListRoutes list, CancellationToken ct)
    {
        switch (await change.HandleAsync(new(ItemCode, ItemRoute), Me.Actor, ct))
        {
            case Outcome<ChangeItemRoute.Result>.Ok ok:
                ItemChanged = ok.Value;
                break;
            case Outcome<ChangeItemRoute.Result>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case var refused:
                (ItemError, Response.StatusCode) = Refusal(refused);
                break;
        }

        return await ShowAsync(list, ct);
    }

    public async Task<IActionResult> OnPostPlanAsync([FromServices] PlanRouteMigration plan, [FromServices] ListRoutes list, CancellationToken ct)
    {
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        var lines = (MappingText ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Take(PlanRouteMigration.MaxMappings + 1))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            mapping[parts[0]] = parts.Length == 2 ? parts[1] : null;
        }

        switch (await plan.HandleAsync(new(SourceRoute, TargetRoute, mapping), Me.Actor, ct))
        {
            case Outcome<RouteMigrationView>.Ok ok:
                Migration = ok.Value;
                break;
            case Outcome<RouteMigrationView>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case var refused:
                MigrationErrors = refused is Outcome<RouteMigrationView>.Invalid invalid
                    ? [.. invalid.Errors.Select(e => $"{e.Key}：{string.Join("；", e.Value)}")]
                    : [Refusal(refused).Message];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        return await ShowAsync(list, ct);
    }

    public async Task<IActionResult> OnPostExecuteAsync([FromServices] ExecuteRouteMigration execute, [FromServices] ListRoutes list, CancellationToken ct)
    {
        switch (await execute.HandleAsync(new(PlanId ?? Guid.Empty), Me.Actor, ct))
        {
            case Outcome<RouteMigrationView>.Ok ok:
                (Migration, Executed) = (ok.Value, true);
                break;
            case Outcome<RouteMigrationView>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            case var refused:
                (var message, Response.StatusCode) = Refusal(refused);
                MigrationErrors = [message];
                break;
        }

        return await ShowAsync(list, ct);
    }

    /// <summary>What a refused form shows, and its status code.</summary>
    private static (string Message, int Status) Refusal<T>(Outcome<T> outcome) => outcome switch
    {
        Outcome<T>.Invalid i => (string.Join("；", i.Errors.SelectMany(e => e.Value)), StatusCodes.Status400BadRequest),
        Outcome<T>.Conflict c => (c.Reason, StatusCodes.Status409Conflict),
        Outcome<T>.NotFound n => (n.Reason, StatusCodes.Status404NotFound),
        _ => ("操作未生效。", StatusCodes.Status400BadRequest),
    };

    private async Task<IActionResult> ShowAsync(ListRoutes list, CancellationToken ct)
    {
        switch (await list.HandleAsync(new(), Me.Actor, ct))
        {
            case Outcome<IReadOnlyList<ListRoutes.RouteEntry>>.Ok ok:
                Routes = ok.Value;
                return Page();
            case Outcome<IReadOnlyList<ListRoutes.RouteEntry>>.Forbidden forbidden:
                return Forbidden(forbidden.Reason);
            default:
                throw new InvalidOperationException("Listing the routes has no input to refuse.");
        }
    }
}
