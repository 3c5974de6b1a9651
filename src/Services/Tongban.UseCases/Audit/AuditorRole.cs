namespace Tongban.UseCases.Audit;

/// <summary>
/// The audit role (等保 2.0: system, security and audit administration are separate). Held as a staff role,
/// not a post; the Administrator role does not include it.
/// </summary>
public static class AuditorRole
{
    public const string Name = "Auditor";

    public const string Refusal = "只有审计员可以查询审计记录。";
}
