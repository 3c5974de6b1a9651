using Microsoft.Extensions.DependencyInjection;

namespace Tongban.UseCases.Bureau;

public static class BureauUseCases
{
    /// <summary>The bureau's queries and its export, for the API and the staff pages alike.</summary>
    public static IServiceCollection AddBureauUseCases(this IServiceCollection services)
    {
        services.AddScoped<CountBureauCases>();
        services.AddScoped<ListBureauCases>();
        services.AddScoped<ExportBureauCases>();
        services.AddScoped<ReadBureauDashboard>();
        services.AddScoped<ReplayDeadLetter>();
        services.AddScoped<ReadStatistics>();
        services.AddScoped<ReadAccountability>();
        services.AddScoped<ListSupervisionItems>();
        services.AddScoped<WorkQueue.ReadWorkQueue>();
        return services;
    }
}
