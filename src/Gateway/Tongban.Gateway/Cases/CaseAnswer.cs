using Tongban.Gateway.Auth;
using Tongban.Gateway.Problems;
using Tongban.UseCases;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.Cases;

/// <summary>
/// What every case endpoint needs to translate, bound once: the caller as the engine sees them, and the
/// answer to a case use case — the case view with its version as ETag, or the refusal as ProblemDetails.
/// </summary>
public readonly record struct CaseAnswer(HttpContext Http, StaffActors Staff, TongbanDbContext Db, ItemVersionCache Items, CalendarProvider Calendars, TimeProvider Clock)
{
    public CancellationToken Aborted => Http.RequestAborted;

    public Task<Actor> ActorAsync() => Staff.CurrentAsync(Http.RequestAborted);

    public async Task<IResult> ToHttpAsync(Outcome<Case> outcome)
    {
        var (http, db, items, calendars, clock) = (Http, Db, Items, Calendars, Clock);
        return await outcome.ToHttpAsync(async c =>
        {
            http.Response.Headers.ETag = $"\"{c.Version}\"";
            if (MinimalAnswer.IsPreferred(http.Request)) return TypedResults.Ok(MinimalAnswer.Of(c, http.Response));
            return TypedResults.Ok(await CaseView.LoadAsync(db, items, calendars, clock.GetUtcNow(), c, withHistory: true, http.RequestAborted));
        });
    }
}
