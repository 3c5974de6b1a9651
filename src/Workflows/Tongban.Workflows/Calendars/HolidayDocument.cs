namespace Tongban.Workflows.Calendars;

// One entry of "holidays" in a calendars/cn-YYYY.json file; see HolidayScheduleDocument.
internal sealed class HolidayDocument
{
    public string? Name { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }
}
