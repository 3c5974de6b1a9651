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
    /// <param name="runtimeDirectory">Where the chain key file (when <c>Audit:ChainKey</c> is not configured) and the anchor files go by default.</param>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, string runtimeDirectory)
    {
        var defaultKeyFile = Path.Combine(runtimeDirectory, "audit-chain.key");
        services.AddCommitSignal<AuditRecord>();
        services.AddOptions<AuditOptions>().BindConfiguration("Audit");
        services.AddSingleton(sp => AuditChainKey.Resolve(sp.GetRequiredService<IOptions<AuditOptions>>(), defaultKeyFile));
        services.AddHostedService<AuditSealer>();
        services.AddSingleton(sp => new AuditAnchors(
            sp.GetRequiredService<AuditChainKey>(),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.AnchorDirectory is { Length: > 0 } d ? d : Path.Combine(runtimeDirectory, "audit-anchors")));
        return services;
    }

    /// <summary>The daily anchor file writer; the gateway runs it (nodes need not, the files are per county).</summary>
    public static IServiceCollection AddAuditAnchorWriter(this IServiceCollection services) => services.AddHostedService<AuditAnchorWriter>();
}
