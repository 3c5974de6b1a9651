namespace Tongban.Workflows.Auditing;

/// <summary>What an audit record says was done. Case actions are <c>case.&lt;CaseAction&gt;</c>.</summary>
public static class AuditActions
{
    public const string PersonalDataView = "personal-data.view";
    public const string PersonalDataExport = "personal-data.export";
    public const string AuditQuery = "audit.query";
    public const string AuditVerify = "audit.verify";

    /// <summary>A dead-lettered hand-off sent again by the bureau or the county administrator.</summary>
    public const string DeadLetterReplay = "dead-letter.replay";

    /// <summary>An administrator set a one-time first password for an account.</summary>
    public const string FirstPassword = "staff.first-password";

    /// <summary>A staff member replaced their password (the one-time first password, or their own).</summary>
    public const string PasswordChange = "staff.password-change";

    /// <summary>A full view of a row of the special-groups register (特殊群体台账), with its reason.</summary>
    public const string SpecialGroupView = "special-group.view";

    /// <summary>Rows of the special-groups register deleted because their purpose ended (PIPL §19, §47).</summary>
    public const string SpecialGroupPurge = "special-group.purge";

    /// <summary>An administrator published a route version (route_versions).</summary>
    public const string RoutePublish = "route.publish";

    /// <summary>An administrator pointed a catalogue item at another route version (a new item version).</summary>
    public const string ItemRouteChange = "item.route-change";

    /// <summary>An administrator made a migration plan or ran its dry run again.</summary>
    public const string RouteMigrationPlan = "route-migration.plan";

    /// <summary>An administrator executed a migration plan (each moved case has its own <c>case.Migrate</c> line).</summary>
    public const string RouteMigrationExecute = "route-migration.execute";

    public static string Case(string caseAction) => $"case.{caseAction}";
}

/// <summary>How the audited action ended.</summary>
public static class AuditOutcomes
{
    public const string Ok = "ok";

    /// <summary>Refused for lack of authority (403).</summary>
    public const string Denied = "denied";
}

/// <summary>What an audit record is about.</summary>
public static class AuditSubjects
{
    public static string Case(Guid caseId) => $"case:{caseId}";

    public const string AuditTrail = "audit-trail";

    public static string Staff(string username) => $"staff:{username}";

    public static string SpecialGroupMember(Guid id) => $"special-group:{id}";

    public static string Community(string jurisdictionId) => $"community:{jurisdictionId}";
}
