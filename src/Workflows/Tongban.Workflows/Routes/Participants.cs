using System.Text.RegularExpressions;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Routes;

/// <summary>
/// Who does the work at a node: a post of the intake community, of the registration township, or of a county
/// department ("department:cjl"). An edge between two participants is a hand-off over the bus.
/// </summary>
public static partial class Participants
{
    public const string IntakeWindow = "intakeWindow";
    public const string IntakeSpecialist = "intakeSpecialist";
    public const string RegistrationTownship = "registrationTownship";
    public const string DepartmentPrefix = "department:";

    public static IReadOnlyList<string> Fixed { get; } = [IntakeWindow, IntakeSpecialist, RegistrationTownship];

    public static bool IsKnown(string? participant, RouteVocabulary vocabulary) =>
        participant is not null && (Fixed.Contains(participant) || DepartmentOf(participant) is { } code && vocabulary.Departments.Contains(code));

    /// <summary>The department code of a "department:code" participant, or null.</summary>
    public static string? DepartmentOf(string participant) =>
        participant.StartsWith(DepartmentPrefix, StringComparison.Ordinal) && DepartmentCode().IsMatch(participant[DepartmentPrefix.Length..])
            ? participant[DepartmentPrefix.Length..]
            : null;

    /// <summary>The post role that does a participant's work; null for a participant that is not one.</summary>
    public static PostRole? RoleOf(string participant) => participant switch
    {
        IntakeWindow => PostRole.WindowClerk,
        IntakeSpecialist => PostRole.Specialist,
        RegistrationTownship => PostRole.BackOffice,
        _ when DepartmentOf(participant) is not null => PostRole.DepartmentOfficer,
        _ => null,
    };

    /// <summary>
    /// The jurisdiction a county department's work goes to: "dept-&lt;code&gt;" (e.g. dept-cjl for 县残联) in the
    /// county file. The intake and township participants are the case's own jurisdictions instead.
    /// </summary>
    public static string DepartmentJurisdiction(string code) => $"dept-{code}";

    [GeneratedRegex("^[a-z][a-z0-9-]{1,29}$")]
    private static partial Regex DepartmentCode();
}

/// <summary>What a route may refer to beyond the built-in participants and step kinds: the county's departments.</summary>
public sealed record RouteVocabulary(IReadOnlySet<string> Departments)
{
    public static RouteVocabulary None { get; } = new(new HashSet<string>(StringComparer.Ordinal));
}
