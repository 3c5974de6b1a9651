namespace Tongban.Workflows.Calendars;

/// <summary>
/// The end of a time limit (限时办结).
/// </summary>
/// <param name="DueAt">The last instant that is still on time; work done after it is overdue (now &gt; DueAt).</param>
/// <param name="DueDate">The due date in the county's local calendar.</param>
/// <param name="IsProvisional">
/// True when some day the count went through lies in a year whose holiday schedule is not loaded; such a
/// deadline counts Mon–Fri only, must be shown as provisional and recomputed when the schedule arrives.
/// </param>
public sealed record Deadline(DateTimeOffset DueAt, DateOnly DueDate, bool IsProvisional);
