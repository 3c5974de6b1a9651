using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.TimeLimits;

/// <summary>
/// GET /api/calendars and PUT /api/calendars/{year}: the official holiday schedules. Each November the State
/// Council publishes next year's; an administrator loads it here, without a release, and every provisional
/// deadline reaching into that year is recomputed at once.
/// </summary>
public static class HolidayCalendars
{
    public sealed record Loaded(int Year, string? Source, DateTimeOffset LoadedAt, string LoadedBy);

    public sealed record LoadResult(int Year, bool Changed, int RecomputedCases);

    public static void MapHolidayCalendars(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/calendars").WithTags("Time limits");
        group.MapGet("/", ListAsync).WithSummary("Years whose holiday schedule is loaded.").Produces<List<Loaded>>();
        group.MapPut("/{year:int}", LoadAsync)
            .WithSummary("Load or replace a year's holiday schedule (administrators). Body: the schedule JSON as in data/calendars.")
            .Accepts<object>("application/json")
            .Produces<LoadResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ListAsync(TongbanDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.HolidaySchedules.AsNoTracking().OrderBy(s => s.Year).Select(s => new Loaded(s.Year, s.Source, s.LoadedAt, s.LoadedBy)).ToListAsync(ct));

    private static async Task<IResult> LoadAsync(int year, HttpRequest request, ClaimsPrincipal user, HolidayScheduleLoader loader, CancellationToken ct)
    {
        if (!user.IsInRole("Administrator")) return TypedResults.Problem("节假日安排只能由系统管理员维护。", statusCode: StatusCodes.Status403Forbidden, title: "无权操作");

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        try
        {
            var schedule = Tongban.Workflows.Calendars.HolidaySchedule.Parse(json);
            if (schedule.Year != year) return Invalid("year", $"文件中的年份（{schedule.Year}）与地址中的年份（{year}）不一致。");
            var result = await loader.LoadAsync(json, user.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
            return TypedResults.Ok(new LoadResult(year, result.Changed, result.Recomputed));
        }
        catch (FormatException ex)
        {
            return Invalid("body", ex.Message);
        }
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "节假日安排有误");
}
