namespace Tongban.Workflows.Clocks;

/// <summary>
/// When a running period turns yellow: when no more than <see cref="WorkingDaysLeft"/> working days are left,
/// or when <see cref="FractionUsed"/> of the period is used, whichever comes first. Both are configuration
/// (local practice differs); the defaults are one working day and two thirds.
/// </summary>
public sealed record WarningThresholds(int WorkingDaysLeft = 1, double FractionUsed = 2.0 / 3.0)
{
    public static readonly WarningThresholds Default = new();
}
