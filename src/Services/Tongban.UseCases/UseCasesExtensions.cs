using Microsoft.Extensions.DependencyInjection;
using Tongban.UseCases.Cases;
using Tongban.UseCases.DeadLetters;
using Tongban.UseCases.Evaluations;
using Tongban.UseCases.People;
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

        // People rules (AB posts, 一次性告知, notifications), evaluation follow-up, dead letters.
        services.AddScoped<RegisterAbsence>();
        services.AddScoped<ListAbsences>();
        services.AddScoped<GetPostHolders>();
        services.AddScoped<ListHandBack>();
        services.AddScoped<ApproveSecondCorrection>();
        services.AddScoped<ListMyNotifications>();
        services.AddScoped<ListRectifications>();
        services.AddScoped<RecordRectificationStep>();
        services.AddScoped<ListDeadLetters>();
        services.AddScoped<ReplayDeadLetter>();
        return services;
    }
}
