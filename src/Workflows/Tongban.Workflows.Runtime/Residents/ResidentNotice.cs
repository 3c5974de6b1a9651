using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// A milestone notice to the resident, in the notification outbox: staged in the transaction that made the
/// milestone (<see cref="ResidentNoticeStaging"/>), sent afterwards by <see cref="ResidentNoticeRelay"/> over the
/// configured channel, retried until it goes or runs out of attempts. One row per case, journal entry and
/// milestone (unique), so a transition applied once stages one notice.
/// </summary>
public sealed class ResidentNotice
{
    public Guid Id { get; init; }

    public Guid CaseId { get; init; }

    /// <summary>The journal entry (case_history.Sequence) the milestone is.</summary>
    public int Sequence { get; init; }

    public Milestone Milestone { get; init; }

    /// <summary>The community that took the case in: its window staff read the local outbox.</summary>
    public required string CommunityId { get; init; }

    /// <summary>The applicant's phone on file, the one piece of personal data a notice needs besides the masked name.</summary>
    public required string Phone { get; init; }

    public required string Text { get; init; }

    /// <summary>Template parameters as JSON (name masked, case number, places, date, materials).</summary>
    public required string Parameters { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public NoticeStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A relay holds the row until then while it sends (another relay takes over after a crash).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The claim (one relay's one batch) that holds the lease.</summary>
    public Guid? LeasedBy { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The channel it went out on (Sms, Local).</summary>
    public string? Channel { get; set; }

    /// <summary>What the channel answered: HTTP status and the platform's own status or message id.</summary>
    public string? DeliveryStatus { get; set; }

    public string? LastError { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<ResidentNotice>
    {
        public void Configure(EntityTypeBuilder<ResidentNotice> e)
        {
            e.ToTable("resident_notices");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CaseId, x.Sequence, x.Milestone }).IsUnique();
            // The relay's question: pending rows due now.
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            // The local outbox page: a community's notices, newest first.
            e.HasIndex(x => new { x.CommunityId, x.CreatedAt });
            e.Property(x => x.Milestone).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.CommunityId).HasMaxLength(40);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.Parameters).HasMaxLength(2000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Channel).HasMaxLength(20);
            e.Property(x => x.DeliveryStatus).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(500);
        }
    }
}

public enum NoticeStatus
{
    Pending,
    Sent,

    /// <summary>Every attempt failed; staff see it on the notices page.</summary>
    Failed,
}
