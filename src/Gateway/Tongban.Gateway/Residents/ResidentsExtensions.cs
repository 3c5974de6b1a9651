namespace Tongban.Gateway.Residents;

/// <summary>The resident's side of the gateway: the public lookup's API and its configuration.</summary>
public static class ResidentsExtensions
{
    public static IServiceCollection AddResidentSide(this IServiceCollection services)
    {
        services.AddOptions<ResidentOptions>().BindConfiguration("Residents");
        services.AddOptions<UseCases.Residents.LookupLimits>().BindConfiguration("Residents:Lookup");
        services.AddOptions<UseCases.Residents.LookupCodeOptions>().BindConfiguration("Residents:LookupCode")
            .Validate(o => o.ValidMinutes is >= 1 and <= Workflows.Residents.LookupCodes.MaxValidMinutes, "Residents:LookupCode:ValidMinutes must be between 1 and 60.")
            .ValidateOnStart();
        services.AddOptions<UseCases.Requests.RequestOptions>().BindConfiguration("Requests")
            .Validate(o => o.OfficeCloses > o.OfficeOpens, "Requests:OfficeCloses must be after Requests:OfficeOpens.")
            .Validate(o => o.CallBackWorkingHours is null or > 0 and <= 200, "Requests:CallBackWorkingHours must be between 0 and 200 office hours (or unset).")
            .Validate(o => o.PerAddressPerHour >= 1, "Requests:PerAddressPerHour must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<UseCases.Visits.VisitLimits>().BindConfiguration("Residents:Visits");
        return services;
    }
}
