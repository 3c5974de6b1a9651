namespace Tongban.Workflows.Calendars;

// Shape of a calendars/cn-YYYY.json file. Everything is nullable and dates are strings so that
// HolidaySchedule.Parse, not the serializer, reports what is missing or malformed, naming the field.
// Extra properties in the file (timeZone, comments) are ignored.
internal sealed class HolidayScheduleDocument
{
    public int? Year { get; set; }

    public string? Source { get; set; }

    public List<HolidayDocument?>? Holidays { get; set; }

    public List<string?>? MakeUpWorkdays { get; set; }
}
