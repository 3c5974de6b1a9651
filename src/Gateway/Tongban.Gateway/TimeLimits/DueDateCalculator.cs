using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Gateway.TimeLimits;

/// <summary>
/// GET /api/calendar/due-date: the date the window promises the resident at intake. The same calculator computes
/// case deadlines: working days in the county's time zone, start day not counted (民法典 §201), 0 = 即办件.
/// </summary>
public static class DueDateCalculator
{
    public sealed record Answer(DateTimeOffset Start, int WorkingDays, DateTimeOffset DueAt, DateOnly DueDate, bool Provisional, string TimeZone);

    public static void MapDueDate(this RouteGroupBuilder api) =>
        api.MapGet("/calendar/due-date", HandleAsync)
            .WithTags("Time limits")
            .WithSummary("Due instant of a period of N working days from a start instant; provisional if it reaches a year whose holiday schedule is not loaded.")
            .Produces<Answer>()
            .ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(string? start, int? workingDays, TongbanDbContext db, CalendarProvider calendars, TimeProvider clock, Microsoft.Extensions.Options.IOptions<TimeLimitOptions> options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var from = clock.GetUtcNow();
        if (start is not null && !DateTimeOffset.TryParse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out from)) errors["start"] = ["起算时间应为 ISO 8601 格式，例如 2026-11-23T09:30:00+08:00。"];
        if (workingDays is not (>= 0 and <= 365)) errors["workingDays"] = ["工作日数应为 0（即办件）至 365。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");

        var deadline = (await calendars.GetAsync(db, ct)).AddWorkingDays(from, workingDays!.Value);
        return TypedResults.Ok(new Answer(from, workingDays.Value, deadline.DueAt, deadline.DueDate, deadline.IsProvisional, options.Value.TimeZone));
    }
}
