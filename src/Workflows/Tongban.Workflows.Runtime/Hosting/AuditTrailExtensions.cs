using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tongban.Workflows.Runtime.Auditing;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Hosting;

public static class AuditTrailExtensions
{
    /// <summary>
    /// The audit trail's moving part: a sealer in every process (records are appended unsealed by whoever acts,
    /// see <see cref="AuditTrail"/>), woken by commits that added records. Section <c>Audit</c> configures it.
    /// </summary>
    /// <param name="defaultKeyFile">Where the chain key is kept when <c>Audit:ChainKey</c> is not configured.</param>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, string defaultKeyFile)
    {
        services.AddCommitSignal<AuditRecord>();
        services.AddOptions<AuditOptions>().BindConfiguration("Audit");
        services.AddSingleton(sp => AuditChainKey.Resolve(sp.GetRequiredService<IOptions<AuditOptions>>(), defaultKeyFile));
        services.AddHostedService<AuditSealer>();
        return services;
    }
}
