using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Contracts;

namespace Tongban.Workflows.Runtime.DeadLetters;

/// <summary>
/// 异常消息: a hand-off that still failed after the bus's retries, as the bureau and the county administrator see it
/// and replay it. One row per original message: a replayed message that fails again reopens its row. Holds the
/// original body (ids only, see <see cref="HandOffCase"/>) and the exception, scrubbed of anything that
/// looks like an ID number or phone (<see cref="FaultText"/>).
/// </summary>
public sealed class DeadLetter
{
    public Guid Id { get; set; }

    /// <summary>The original bus MessageId; a replay sends it again, so the receiver's inbox applies it once.</summary>
    public Guid MessageId { get; set; }
    public required string MessageType { get; set; }
    public required string DestinationQueue { get; set; }
    public required string Body { get; set; }
    public Guid CaseId { get; set; }
    public required string ExceptionType { get; set; }
    public required string ExceptionMessage { get; set; }
    public DateTimeOffset FaultedAt { get; set; }

    /// <summary>Machine and process that gave up on the message.</summary>
    public required string FaultedOn { get; set; }

    /// <summary>How often the message has been dead-lettered (again after a replay that did not fix it).</summary>
    public int FaultCount { get; set; }
    public DeadLetterStatus Status { get; set; }
    public DateTimeOffset? ReplayedAt { get; set; }
    public string? ReplayedBy { get; set; }
    public int ReplayCount { get; set; }
    public int Version { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<DeadLetter>
    {
        public void Configure(EntityTypeBuilder<DeadLetter> e)
        {
            e.ToTable("dead_letters");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.MessageId).IsUnique();
            // The list: open ones first, newest first.
            e.HasIndex(x => new { x.Status, x.FaultedAt });
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.MessageType).HasMaxLength(200);
            e.Property(x => x.DestinationQueue).HasMaxLength(200);
            e.Property(x => x.ExceptionType).HasMaxLength(200);
            e.Property(x => x.ExceptionMessage).HasMaxLength(FaultText.MaxLength);
            e.Property(x => x.FaultedOn).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ReplayedBy).HasMaxLength(60);
            e.Property(x => x.Version).IsConcurrencyToken();
        }
    }
}

public enum DeadLetterStatus
{
    Open,
    Replayed,
}
