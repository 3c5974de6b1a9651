namespace Tongban.Load.Checking;

/// <summary>The two walks a case of the generator may take through the cross-jurisdiction route, step by step.</summary>
public static class Route
{
    public static readonly string[] Straight =
        ["Intake", "Receive", "Forward", "Receive", "SignFor", "Accept", "Handle", "Decide", "Receive", "Deliver", "Evaluate", "Archive"];

    /// <summary>With one return for correction (补正) and the resubmission.</summary>
    public static readonly string[] WithCorrection =
        ["Intake", "Receive", "Forward", "Receive", "SignFor", "ReturnForCorrection", "Receive", "Resubmit", "Receive", "SignFor", "Accept", "Handle", "Decide", "Receive", "Deliver", "Evaluate", "Archive"];

    /// <summary>What the history should be, given whether the township asked for a correction.</summary>
    public static string[] Expected(bool corrected) => corrected ? WithCorrection : Straight;
}
