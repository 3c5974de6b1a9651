using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongban.Contracts;
using Tongban.Services.Cases;
using Tongban.Services.DeadLetters;
using Tongban.Workflows.Definitions;
using Tongban.Workflows.Runtime.Organisation;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Services;

/// <summary>
/// One queue per jurisdiction and post role (see <see cref="QueueNames"/>); a node consumes the queues of the
/// roles and jurisdictions it is configured for. Several nodes on one queue compete; the inbox keeps that safe.
/// </summary>
public static class JurisdictionEndpoints
{
    public static void Configure(IBusRegistrationContext context, IReceiveConfigurator cfg, Action<IReceiveEndpointConfigurator> defaults, NodeOptions node)
    {
        var roles = node.RoleSet;
        var handOffQueues = HandOffQueues(context, roles, node);
        foreach (var queue in handOffQueues)
        {
            cfg.ReceiveEndpoint(queue, e =>
            {
                // Hand-offs are sent to a queue, never published; no exchange binding for the message type.
                e.ConfigureConsumeTopology = false;
                defaults(e);
                e.ConfigureConsumer<HandOffCaseConsumer>(context);
            });
        }

        if (roles.Contains(NodeRoles.Bureau))
        {
            // Its own queue: the faults stay apart to look at, and no hand-off backlog delays them.
            cfg.ReceiveEndpoint(QueueNames.DeadLetters, e =>
            {
                defaults(e);
                e.ConfigureConsumer<DeadLetterRecorder>(context);
            });
        }
    }

    private static List<string> HandOffQueues(IBusRegistrationContext context, IReadOnlySet<string> roles, NodeOptions node)
    {
        var wanted = new List<(JurisdictionKind Kind, PostRole Role)>();
        if (roles.Contains(NodeRoles.Intake)) wanted.Add((JurisdictionKind.UrbanCommunity, PostRole.WindowClerk));
        if (roles.Contains(NodeRoles.Specialist)) wanted.Add((JurisdictionKind.UrbanCommunity, PostRole.Specialist));
        if (roles.Contains(NodeRoles.Township)) wanted.Add((JurisdictionKind.Township, PostRole.BackOffice));
        if (roles.Contains(NodeRoles.Department)) wanted.Add((JurisdictionKind.Department, PostRole.DepartmentOfficer));
        if (wanted.Count == 0) return [];

        // Read once at start: a new jurisdiction gets its queue when its node (re)starts.
        using var scope = context.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongbanDbContext>();
        var jurisdictions = db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.Kind }).ToList();
        return [.. wanted.SelectMany(w => jurisdictions.Where(j => j.Kind == w.Kind && node.Serves(j.Id)).Select(j => QueueNames.For(w.Role.ToString(), j.Id)))];
    }
}
