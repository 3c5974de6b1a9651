namespace Tongban.Contracts;

/// <summary>
/// Every jurisdiction has its own queue per post role, so a township can run its own node on its own queue.
/// </summary>
public static class QueueNames
{
    /// <summary>Faults of hand-offs that failed after every retry, recorded for the bureau to see and replay.</summary>
    public const string DeadLetters = "bureau-dead-letters";

    public static string For(string role, string jurisdictionId) => role switch
    {
        "WindowClerk" => $"community-{jurisdictionId}-window",
        "Specialist" => $"community-{jurisdictionId}-specialist",
        "BackOffice" => $"township-{jurisdictionId}",
        // A county department's branch tasks (并联办理); its jurisdiction id already says dept-<code>.
        "DepartmentOfficer" => $"county-{jurisdictionId}",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "No queue for this role."),
    };
}
