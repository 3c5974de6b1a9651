namespace Tongban.Services;

/// <summary>
/// Which jurisdiction services this process runs. A county can run everything in one process (embedded),
/// one process per role, or give a township its own node on its own queue.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>Recorded as the actor when this node receives a hand-off.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>Comma-separated: intake, specialist, township, department, bureau; "all" or "none".</summary>
    public string Roles { get; set; } = "all";

    /// <summary>Comma-separated jurisdiction ids whose queues this node consumes; "*" for all of its roles' kind.</summary>
    public string Jurisdictions { get; set; } = "*";

    public IReadOnlySet<string> RoleSet => Split(Roles) is var r && r.Contains("all") ? NodeRoles.All : r;

    public bool Serves(string jurisdictionId) => Jurisdictions.Trim() == "*" || Split(Jurisdictions).Contains(jurisdictionId);

    private static HashSet<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
}

public static class NodeRoles
{
    /// <summary>社区综合窗口: receives results and correction requests for its community.</summary>
    public const string Intake = "intake";

    /// <summary>通办专员: receives new cases from its community's windows.</summary>
    public const string Specialist = "specialist";

    /// <summary>户籍乡镇后台: receives cases for residents registered in the township.</summary>
    public const string Township = "township";

    /// <summary>县直部门: receives branch tasks (并联办理) for the county's departments.</summary>
    public const string Department = "department";

    /// <summary>行政审批局: records the county's hand-offs that failed after every retry, for staff to replay.</summary>
    public const string Bureau = "bureau";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Intake, Specialist, Township, Department, Bureau };
}
