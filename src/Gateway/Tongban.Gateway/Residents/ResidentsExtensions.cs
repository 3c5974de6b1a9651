namespace Tongban.Gateway.Residents;

/// <summary>The resident's side of the gateway: the public lookup's API and its configuration.</summary>
public static class ResidentsExtensions
{
    public static IServiceCollection AddResidentSide(this IServiceCollection services)
    {
        services.AddOptions<ResidentOptions>().BindConfiguration("Residents");
        services.AddOptions<UseCases.Residents.LookupLimits>().BindConfiguration("Residents:Lookup");
        services.AddOptions<UseCases.Visits.VisitLimits>().BindConfiguration("Residents:Visits");
        return services;
    }
}
