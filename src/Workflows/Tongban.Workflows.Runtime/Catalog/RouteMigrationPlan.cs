using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Catalog;

/// <summary>
/// A migration plan (route_migration_plans): source and target route versions and the node mapping. Its dry run
/// is stored per case (<see cref="RouteMigrationCase"/>); executing applies the planned rows once each.
/// </summary>
public sealed class RouteMigrationPlan
{
    public Guid Id { get; set; }
    public required string SourceRoute { get; set; }
    public required string TargetRoute { get; set; }

    /// <summary>{ sourceNodeId: targetNodeId } as JSON.</summary>
    public required string Mapping { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DryRunAt { get; set; }
    public DateTimeOffset? ExecutedAt { get; set; }

    internal sealed class Map : IEntityTypeConfiguration<RouteMigrationPlan>
    {
        public void Configure(EntityTypeBuilder<RouteMigrationPlan> e)
        {
            e.ToTable("route_migration_plans");
            e.HasKey(x => x.Id);
            e.Property(x => x.SourceRoute).HasMaxLength(50);
            e.Property(x => x.TargetRoute).HasMaxLength(50);
            e.Property(x => x.CreatedBy).HasMaxLength(80);
        }
    }
}

/// <summary>What a plan does to one case: planned (the dry run's move), refused (and why), moved, or conflict (the case changed since the dry run).</summary>
public sealed class RouteMigrationCase
{
    public const string Planned = "planned";
    public const string Refused = "refused";
    public const string Moved = "moved";
    public const string Conflict = "conflict";

    public Guid PlanId { get; set; }
    public Guid CaseId { get; set; }
    public required string Number { get; set; }

    /// <summary>The case's version at the dry run; executing refuses the case if it has another.</summary>
    public int CaseVersion { get; set; }

    public required string FromState { get; set; }
    public string? ToState { get; set; }
    public required string Status { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }

    internal sealed class Map : IEntityTypeConfiguration<RouteMigrationCase>
    {
        public void Configure(EntityTypeBuilder<RouteMigrationCase> e)
        {
            e.ToTable("route_migration_cases");
            e.HasKey(x => new { x.PlanId, x.CaseId });
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.FromState).HasMaxLength(40);
            e.Property(x => x.ToState).HasMaxLength(40);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(300);
        }
    }
}
