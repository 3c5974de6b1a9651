using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Requests;

/// <summary>
/// 网上咨询/预约: a resident's online request, not a case — an item, a name and phone to call back, when they would
/// like the call, optionally an address and their grid — in its community's queue with a call-back limit. The staff
/// member who calls back records the outcome and becomes the first-contact person (through the consultation the
/// call-back records); a collection at home is a <see cref="CollectionTask"/>; the case the window then opens is
/// linked here (<see cref="CaseId"/>). Personal data: the name, phone and address, masked in lists, every full view
/// audited; the client address only as a keyed hash (for the rate limit).
/// </summary>
public sealed class ServiceRequest
{
    public Guid Id { get; set; }

    /// <summary>What the resident is told (e.g. WS20261127-7KQ3MZ): the reference to quote when calling.</summary>
    public required string Reference { get; set; }

    public required string CommunityId { get; set; }
    public string? GridId { get; set; }
    public required string ItemCode { get; set; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
    public string? PreferredTime { get; set; }
    public string? Address { get; set; }

    /// <summary>When the resident ticked consent to the processing of their personal data (PIPL §13/§14).</summary>
    public DateTimeOffset ConsentAt { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset CallBackDueAt { get; set; }

    /// <summary>Keyed hash of the client address the request came from: the per-address limit counts by it.</summary>
    public required string AddressHash { get; set; }

    public ServiceRequestState State { get; set; }

    public CallBackOutcome? Outcome { get; set; }
    public string? CallBackBy { get; set; }
    public DateTimeOffset? CallBackAt { get; set; }
    public string? CallBackNote { get; set; }

    /// <summary>The consultation the call-back recorded (the item's complete list; its staff member is the first-contact person).</summary>
    public Guid? ConsultationId { get; set; }

    /// <summary>The case the window opened from this request.</summary>
    public Guid? CaseId { get; set; }

    public int Version { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<ServiceRequest>
    {
        public void Configure(EntityTypeBuilder<ServiceRequest> e)
        {
            e.ToTable("service_requests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Reference).HasMaxLength(32);
            e.HasIndex(x => x.Reference).IsUnique();
            e.Property(x => x.CommunityId).HasMaxLength(40);
            e.Property(x => x.GridId).HasMaxLength(40);
            e.Property(x => x.ItemCode).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.PreferredTime).HasMaxLength(100);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.AddressHash).HasMaxLength(64);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.CallBackBy).HasMaxLength(60);
            e.Property(x => x.CallBackNote).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            // The community's queue, newest first; the per-address limit; the case a request became.
            e.HasIndex(x => new { x.CommunityId, x.SubmittedAt });
            e.HasIndex(x => new { x.AddressHash, x.SubmittedAt });
            e.HasIndex(x => x.CaseId);
        }
    }
}

public enum ServiceRequestState
{
    /// <summary>Waiting for the call-back.</summary>
    AwaitingCallBack,

    /// <summary>Answered on the phone; nothing follows.</summary>
    Closed,

    /// <summary>Told the complete list of materials; the resident brings them to the window.</summary>
    ListTold,

    /// <summary>A grid worker collects the materials at home.</summary>
    AwaitingCollection,

    /// <summary>Collected; the window opens the case.</summary>
    Collected,

    /// <summary>The window opened the case.</summary>
    CaseOpened,
}

/// <summary>What the call-back came to.</summary>
public enum CallBackOutcome
{
    /// <summary>答复办结: the question answered, nothing to hand in.</summary>
    Answered,

    /// <summary>一次性告知: the complete list of materials told.</summary>
    ListTold,

    /// <summary>上门收件: a grid worker collects the materials at home, by appointment.</summary>
    NeedsCollection,
}

/// <summary>
/// 上门收件: a grid worker collects a resident's materials at home, by appointment — a task for the grid's
/// grid-worker post, given to its holder on the appointment's day (A, or B while A is away).
/// </summary>
public sealed class CollectionTask
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public required string GridId { get; set; }
    public required string PostId { get; set; }

    /// <summary>Who holds the grid post on the appointment day (when the task was given).</summary>
    public required string AssignedStaffId { get; set; }

    public DateTimeOffset AppointmentAt { get; set; }
    public required string Address { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Done { get; set; }

    /// <summary>Material codes of the item, as collected.</summary>
    public List<string> Collected { get; set; } = [];

    public string? CollectedBy { get; set; }
    public DateTimeOffset? CollectedAt { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<CollectionTask>
    {
        public void Configure(EntityTypeBuilder<CollectionTask> e)
        {
            e.ToTable("collection_tasks");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.RequestId).IsUnique();
            e.Property(x => x.GridId).HasMaxLength(40);
            e.Property(x => x.PostId).HasMaxLength(60);
            e.Property(x => x.AssignedStaffId).HasMaxLength(60);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.Collected).HasJsonConversion();
            e.Property(x => x.CollectedBy).HasMaxLength(60);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.PostId, x.Done, x.AppointmentAt });
            e.HasIndex(x => new { x.AssignedStaffId, x.Done });
        }
    }
}
