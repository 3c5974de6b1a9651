using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Auditing;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Routes;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.UseCases.Routes;

/// <summary>
/// Publishes an uploaded route file as a new route version (route_versions), seen by every process. Refused: a file
/// the validator rejects (400, each error keyed by its node, as <see cref="ValidateRoute"/> answers), a version
/// other than the route's next one (400 on <c>version</c>), a version that exists with other content (409).
/// Publishing the same content again changes nothing. A published version never changes; audited.
/// </summary>
public sealed class PublishRoute(TongbanDbContext db, RouteLibrary files, TimeProvider clock)
{
    public const int MaxLength = ValidateRoute.MaxLength;

    /// <param name="Json">The route file's content.</param>
    public sealed record Request(string? Json);

    /// <param name="Published">False when this exact version was already published (nothing written).</param>
    public sealed record Result(string Reference, string Name, string ContentHash, string PublishedBy, DateTimeOffset PublishedAt, bool Published, bool Executable, IReadOnlyList<RouteError> NotExecutable);

    public async Task<Outcome<Result>> HandleAsync(Request request, Actor actor, CancellationToken ct)
    {
        if (!await RouteAccess.AllowedAsync(db, actor, ct)) return Outcome.Forbidden<Result>(RouteAccess.Refusal);
        if (string.IsNullOrWhiteSpace(request.Json)) return Outcome.Invalid<Result>("route", "请提供路线文件（JSON）。");
        if (request.Json.Length > MaxLength) return Outcome.Invalid<Result>("route", $"路线文件不能超过 {MaxLength} 个字符。");

        RouteFile route;
        try
        {
            route = RouteFile.Parse(request.Json);
        }
        catch (FormatException ex)
        {
            return Outcome.Invalid<Result>("route", ex.Message);
        }

        var errors = RouteValidator.Validate(route, files.Vocabulary);
        if (errors.Count > 0) return Outcome.Invalid<Result>(ValidateRoute.ErrorsByField(errors));

        var canonical = route.CanonicalJson();
        var hash = RouteStore.Hash(canonical);
        var compiled = RouteCompiler.Compile(route, "CHECK", 1, files.Vocabulary);
        var library = await RouteStore.LoadAsync(db, files, ct);
        if (library.Find(route.Reference) is { } existing)
        {
            if (RouteStore.Hash(existing.CanonicalJson()) != hash)
            {
                return Outcome.Conflict<Result>($"路线 {route.Reference} 已发布且内容不同；已发布的版本不能修改，请使用下一个版本号 {NextVersion(library, route.Id)}。");
            }

            var row = await db.Set<RouteVersion>().AsNoTracking().SingleOrDefaultAsync(r => r.RouteId == route.Id && r.Version == route.Version, ct);
            return new Result(route.Reference, route.Name, hash, row?.PublishedBy ?? RouteVersion.FromFiles, row?.PublishedAt ?? default, false, compiled.Definition is not null, compiled.Errors);
        }

        var next = NextVersion(library, route.Id);
        if (route.Version != next) return Outcome.Invalid<Result>("version", $"路线 {route.Id} 的下一个版本号应为 {next}。");

        var now = clock.GetUtcNow();
        db.Add(new RouteVersion
        {
            Id = Guid.CreateVersion7(now), RouteId = route.Id, Version = route.Version, Name = route.Name,
            CanonicalJson = canonical, ContentHash = hash, PublishedBy = actor.Id, PublishedAt = now,
        });
        AuditTrail.Append(db, new AuditEntry(now, actor.Id, AuditActions.RoutePublish, $"route:{route.Reference}", AuditOutcomes.Ok, Detail: $"sha256 {hash}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator published this version first (the unique route id + version).
            db.ChangeTracker.Clear();
            return Outcome.Conflict<Result>($"路线 {route.Reference} 刚被他人发布，本次发布未生效，请刷新后重试。");
        }

        return new Result(route.Reference, route.Name, hash, actor.Id, now, true, compiled.Definition is not null, compiled.Errors);
    }

    private static int NextVersion(RouteLibrary library, string id) => 1 + library.All.Where(r => r.Id == id).Select(r => r.Version).DefaultIfEmpty(0).Max();
}
