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
}
