using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Definitions;

namespace Tongban.Workflows.Runtime.Cases;

/// <summary>
/// A task of an assisting branch (并联办理), e.g. 县残联's opinion while the township handles the case: opened when
/// the case passes the branch's fork, handed over the bus to the participant's queue, held by that participant's
/// post (A/B like every post) with its own stage clock, and done when its step is taken. The case's join waits for
/// every task of its fork. Task steps bump the case's version, so two of them finishing at once fire the join once.
/// </summary>
public sealed class CaseTask
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>The route's fork node this task's branch belongs to.</summary>
    public required string Fork { get; set; }

    /// <summary>The route's task node.</summary>
    public required string Node { get; set; }
    public required string Participant { get; set; }
    public PostRole Role { get; set; }
    public required string JurisdictionId { get; set; }

    /// <summary>The post that holds the task; null while it is on its way.</summary>
    public string? PostId { get; set; }
    public BranchTaskStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>The task's own stage clock (出具意见时限), from its node or the stage's default; planned when it arrives.</summary>
    public int? StageLimitDays { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? YellowAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }

    /// <summary>出具意见: agrees or not, and the text (no personal data expected; staff write about the application).</summary>
    public bool? Agrees { get; set; }
    public string? Opinion { get; set; }

    public BranchTaskFacts Facts() => new(Id, Node, Fork, JurisdictionId, PostId, Status);

    internal sealed class Mapping : IEntityTypeConfiguration<CaseTask>
    {
        public void Configure(EntityTypeBuilder<CaseTask> e)
        {
            e.ToTable("case_tasks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Fork).HasMaxLength(40);
            e.Property(x => x.Node).HasMaxLength(40);
            e.Property(x => x.Participant).HasMaxLength(60);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.JurisdictionId).HasMaxLength(40);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.CompletedBy).HasMaxLength(60);
            e.Property(x => x.Opinion).HasMaxLength(OpinionInput.TextMaxLength);
            // A branch's task opens once per case: a redelivered fork or hand-off cannot open it twice.
            e.HasIndex(x => new { x.CaseId, x.Node }).IsUnique();
            // The work queue: a post's open tasks.
            e.HasIndex(x => new { x.PostId, x.Status });
        }
    }
}
