using Microsoft.AspNetCore.Mvc;
using Tongban.Gateway.Pages.Infrastructure;
using Tongban.UseCases;
using Tongban.UseCases.Routes;
using Tongban.Workflows.Routes;

namespace Tongban.Gateway.Pages.Admin;

/// <summary>
/// 办理路线 (read-only): every loaded route version drawn as a diagram, with the items on it and what of it
/// today's engine cannot run yet; and a check of a route file pasted in, its errors marked on the nodes. The
/// list and the check are the use cases behind GET /api/routes and POST /api/routes/validate.
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
