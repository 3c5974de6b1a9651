namespace Tongban.Workflows.Clocks;

/// <summary>The warning colour of open work: green on time, yellow at risk, red overdue.</summary>
public enum Colour
{
    Green,
    Yellow,
    Red,
}
