using Microsoft.Extensions.DependencyInjection;
using Tongban.UseCases.Audit;
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

        // Reading a case (the timeline both doors show) and the audited full view of its personal data.
        services.AddScoped<GetCase>();
        services.AddScoped<ViewPersonalData>();

        services.AddScoped<StopClock>();
        services.AddScoped<ResumeClock>();
        services.AddScoped<SupplyDeferredMaterials>();
        services.AddScoped<RequestExtension>();
        services.AddScoped<DecideExtension>();
        return services;
    }
}
