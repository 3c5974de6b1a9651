using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases.Routes;

namespace Tongban.Gateway.Routes;

/// <summary>
/// The county's routes (docs/routes.md), for its system administrator: GET /api/routes lists the loaded route
/// versions; POST /api/routes/validate checks a route file and answers 400 ProblemDetails with an error per node
/// (<c>errors["nodes.SignedFor"]</c>) or 200 with whether today's engine can run it.
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
        return api;
    }

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
