using Microsoft.Extensions.DependencyInjection;
using Tongban.UseCases.Cases;
using Tongban.UseCases.TimeLimits;

namespace Tongban.UseCases;

public static class UseCasesExtensions
{
    /// <summary>Every use case, scoped like the DbContext it works on.</summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddScoped<CaseCommit>();
        services.AddScoped<ApplyRouteAction>();
        services.AddScoped<StopClock>();
        services.AddScoped<ResumeClock>();
        services.AddScoped<SupplyDeferredMaterials>();
        services.AddScoped<RequestExtension>();
        services.AddScoped<DecideExtension>();
        // Audit trail (the auditor's)
        services.AddScoped<Audit.QueryAuditTrail>();
        services.AddScoped<Audit.VerifyAuditTrail>();
        return services;
    }
}
