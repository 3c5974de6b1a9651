using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Services.Cases;
using Tongban.Services.DeadLetters;
using Tongban.Workflows.Runtime.Hosting;

namespace Tongban.Services;

public static class ServicesExtensions
{
    /// <summary>The bus with this node's jurisdiction services on it (none for a gateway in distributed mode).</summary>
    public static IServiceCollection AddJurisdictionServices(this IServiceCollection services, IConfiguration configuration)
    {
        var node = configuration.GetSection("Node").Get<NodeOptions>() ?? new NodeOptions();
        services.AddSingleton(node);
        return services.AddTongbanBus(
            configuration,
            bus =>
            {
                bus.AddConsumer<HandOffCaseConsumer>();
                bus.AddConsumer<DeadLetterRecorder>();
            },
            (context, cfg, defaults) => JurisdictionEndpoints.Configure(context, cfg, defaults, node));
    }
}
