namespace Tongban.Gateway.Pages.Infrastructure;

/// <summary>
/// A case's warning colour as pages show it (green on time, yellow at risk, red overdue), always with a word
/// beside the colour, and the due instant when the case has one.
/// </summary>
public sealed record Urgency(string Css, string Label, DateTimeOffset? DueAt, bool Provisional, string? Detail)
{
    /// <summary>No clock: closed, or no time limit data for the case.</summary>
    public static readonly Urgency None = new("grey", "未计时", null, false, null);

    public static readonly Urgency Closed = new("grey", "已办结", null, false, null);
}
