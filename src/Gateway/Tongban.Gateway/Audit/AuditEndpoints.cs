namespace Tongban.Gateway.Audit;

public static class AuditEndpoints
{
    /// <summary>The audited full view of personal data and the auditor's queries over the audit trail.</summary>
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapViewPersonalData();
        api.MapQueryAuditTrail();
        api.MapVerifyAuditTrail();
        return api;
    }
}
