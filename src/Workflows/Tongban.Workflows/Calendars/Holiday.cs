namespace Tongban.Workflows.Calendars;

/// <summary>
/// One public holiday period (法定节假日, including the days moved next to it by 调休), both ends
/// inclusive, as published in the State Council's yearly notice.
/// </summary>
public sealed record Holiday(string Name, DateOnly From, DateOnly To)
{
    /// <summary>True when <paramref name="date"/> is one of the days off of this holiday.</summary>
    public bool Contains(DateOnly date) => date >= From && date <= To;
}
