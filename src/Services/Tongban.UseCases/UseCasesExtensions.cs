using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Tongban.UseCases;

public static class UseCasesExtensions
{
    /// <summary>
    /// Every use case — each public class of this assembly with a public <c>HandleAsync</c> — scoped like the
    /// DbContext it works on, and the commit owner. Found by reflection once at start, so adding a use case is
    /// adding its file.
    /// </summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddScoped<CaseCommit>();
        services.AddSingleton<Residents.LookupKeys>();
        foreach (var type in UseCaseTypes()) services.AddScoped(type);
        return services;
    }

    public static IEnumerable<Type> UseCaseTypes() => typeof(UseCasesExtensions).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
            && t.GetMethod("HandleAsync", BindingFlags.Public | BindingFlags.Instance) is not null);
}
