using Microsoft.Extensions.DependencyInjection;
using Tongban.UseCases.Cases;
using Tongban.UseCases.FirstContact;
using Tongban.UseCases.Intake;
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

        // The window: intake (接件), consultations (咨询告知), my first-contact cases.
        services.AddScoped<OpenCase>();
        services.AddScoped<RecordConsultation>();
        services.AddScoped<MyFirstContactCases>();
        return services;
    }
}
