using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Routes;

namespace Tongban.Gateway.Routes;

/// <summary>
/// The county's routes (docs/routes.md), for its system administrator: GET /api/routes lists the loaded route
/// versions; POST /api/routes/validate checks a route file and answers 400 ProblemDetails with an error per node
/// (<c>errors["nodes.SignedFor"]</c>) or 200 with whether today's engine can run it; POST /api/routes publishes
/// one as a new version; PUT /api/catalog/{code}/route points an item at a version; /api/routes/migrations plans,
/// dry-runs and executes the migration of running cases.
/// </summary>
public static class RouteEndpoints
{
    public static RouteGroupBuilder MapRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/routes", async (ListRoutes useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v.Select(r => new { r.Reference, r.Id, r.Version, r.Name, r.Nodes, r.Edges, r.Items, r.NotExecutable }))))
            .WithTags("Routes")
            .WithSummary("The loaded route versions, the current items on each, and what of each today's engine cannot run yet. Administrators.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/routes/validate", async (HttpRequest request, ValidateRoute useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(await ReadBodyAsync(request, ct)), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Routes")
            .WithSummary("Check a route file (the body, as in data/routes): 400 with an error per node, or 200 saying whether today's engine can run it. Administrators.")
            .Accepts<object>("application/json")
            .Produces<ValidateRoute.RouteCheck>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/routes", async (HttpRequest request, PublishRoute useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(await ReadBodyAsync(request, ct)), await staff.CurrentAsync(ct), ct))
                    .ToHttp(v => v.Published ? TypedResults.Created($"/api/routes", v) : TypedResults.Ok(v)))
            .WithTags("Routes")
            .WithSummary("Publish a route file (the body) as a new route version: 400 with an error per node or on version (only the next version), 409 if that version exists with other content; 201, or 200 when the same content is already published. Administrators; audited.")
            .Accepts<object>("application/json")
            .Produces<PublishRoute.Result>(StatusCodes.Status201Created)
            .Produces<PublishRoute.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/catalog/{code}/route", async (string code, ItemRouteBody body, ChangeItemRoute useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(code, body.Route), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Routes")
            .WithSummary("Point a catalogue item at a published route version (route@version): a new item version new cases get; running cases stay on theirs. Administrators; audited.")
            .Produces<ChangeItemRoute.Result>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/routes/migrations", async (MigrationBody body, PlanRouteMigration useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(body.SourceRoute, body.TargetRoute, body.Mapping), await staff.CurrentAsync(ct), ct))
                    .ToHttp(v => TypedResults.Created($"/api/routes/migrations/{v.Id}", v)))
            .WithTags("Routes")
            .WithSummary("Make a migration plan (sourceRoute, targetRoute, mapping { sourceNode: targetNode }) and run its dry run: every open case on the source route as a move or refused with the reason. Nothing moves. Administrators; audited.")
            .Produces<RouteMigrationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/routes/migrations/{id:guid}", async (Guid id, GetRouteMigration useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Routes")
            .WithSummary("A migration plan with its dry run, or what executing it did, per case. Administrators.")
            .Produces<RouteMigrationView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/routes/migrations/{id:guid}/dry-run", async (Guid id, DryRunRouteMigration useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Routes")
            .WithSummary("Run a plan's dry run again (cases it already moved stay moved). Administrators; audited.")
            .Produces<RouteMigrationView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/routes/migrations/{id:guid}/execute", async (Guid id, ExecuteRouteMigration useCase, StaffActors staff, CancellationToken ct) =>
                (await useCase.HandleAsync(new(id), await staff.CurrentAsync(ct), ct)).ToHttp(v => TypedResults.Ok(v)))
            .WithTags("Routes")
            .WithSummary("Execute a plan's dry run: each planned case moves (journal entry and audit line each); a case changed since the dry run is reported as a conflict, not moved. Executing again moves nothing. Administrators.")
            .Produces<RouteMigrationView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <param name="Route">route@version, e.g. cross-jurisdiction@2.</param>
    public sealed record ItemRouteBody(string? Route);

    /// <param name="Mapping">{ sourceNodeId (or transit state): targetNodeId }.</param>
    public sealed record MigrationBody(string? SourceRoute, string? TargetRoute, Dictionary<string, string?>? Mapping);

    /// <summary>Reads at most one character more than a route may have, so an oversized body is refused by the use case without being read whole.</summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[ValidateRoute.MaxLength + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }

        return new string(buffer, 0, read);
    }
}
