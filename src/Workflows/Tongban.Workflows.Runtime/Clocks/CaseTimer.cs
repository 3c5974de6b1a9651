using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// A durable timer. Written in the same transaction as the deadline it belongs to (and deleted with it when the
/// deadline moves); fired by whichever node's sweeper claims it first, once: firing sets <see cref="FiredAt"/>
/// in the same transaction as the timer's effect, and <see cref="Version"/> makes a second firing fail.
/// </summary>
public sealed class CaseTimer
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public TimerKind Kind { get; set; }

    /// <summary>"overall" or a stage name; for escalation, the supervision item's scope.</summary>
    public required string Scope { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public Guid? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>For an escalation timer: the supervision item it escalates.</summary>
    public Guid? SupervisionItemId { get; set; }
    public int Version { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<CaseTimer>
    {
        public void Configure(EntityTypeBuilder<CaseTimer> e)
        {
            e.ToTable("case_timers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Scope).HasMaxLength(30);
            e.Property(x => x.Version).IsConcurrencyToken();
            // The sweeper's query: unfired timers by due time. Partial, so it is in due order under "FiredAt" IS NULL
            // (PostgreSQL would sort a (FiredAt, DueAt) index's rows) and fired timers leave it.
            e.HasIndex(x => x.DueAt).HasFilter("\"FiredAt\" IS NULL");
            e.HasIndex(x => x.CaseId);
        }
    }
}

public enum TimerKind
{
    /// <summary>Yellow starts: remind (催办) the holder.</summary>
    Yellow,

    /// <summary>Expiry: open a supervision item (督办) for the bureau.</summary>
    Red,

    /// <summary>Five working days after supervision opened, still open: escalate (通报).</summary>
    Escalation,

    /// <summary>容缺受理 promise deadline: without the materials the case counts as withdrawn (视为撤回).</summary>
    PromiseDue,

    /// <summary>A timer node's working days (e.g. 公示) are over: the case goes on along its route.</summary>
    WaitOver,
}
