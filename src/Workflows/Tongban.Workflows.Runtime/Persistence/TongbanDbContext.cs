using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tongban.Workflows.Cases;
using Tongban.Workflows.Runtime.Cases;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Clocks;
using Tongban.Workflows.Runtime.Messaging;
using Tongban.Workflows.Runtime.Monitoring;
using Tongban.Workflows.Runtime.Organisation;

namespace Tongban.Workflows.Runtime.Persistence;

/// <summary>
/// The one database of a deployment. Provider-neutral on purpose: no provider-specific column types, JSON kept
/// in text columns, instants converted to UTC ticks on SQLite (which cannot compare DateTimeOffset).
/// </summary>
public sealed class TongbanDbContext(DbContextOptions<TongbanDbContext> options) : DbContext(options)
{
    private Dictionary<object, object>? _interceptorState;

    /// <summary>
    /// What a save interceptor carries from a save's start to its end or its transaction's commit, for this context.
    /// The interceptors are shared by every context of the process, so that the options are built once instead of
    /// for every context (about 6 % of a node's CPU under load went to building options, finding EF's services and
    /// constructing the context).
    /// </summary>
    internal T InterceptorState<T>(object interceptor) where T : class, new()
    {
        _interceptorState ??= [];
        if (!_interceptorState.TryGetValue(interceptor, out var state)) _interceptorState[interceptor] = state = new T();
        return (T)state;
    }

    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseHistoryEntry> CaseHistory => Set<CaseHistoryEntry>();
    public DbSet<CaseTask> CaseTasks => Set<CaseTask>();
    public DbSet<ServiceItemVersion> ItemVersions => Set<ServiceItemVersion>();
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<BureauCount> BureauCounts => Set<BureauCount>();
    public DbSet<Auditing.AuditRecord> AuditRecords => Set<Auditing.AuditRecord>();
    public DbSet<HolidayScheduleRecord> HolidaySchedules => Set<HolidayScheduleRecord>();
    public DbSet<CaseTimer> Timers => Set<CaseTimer>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<SupervisionItem> SupervisionItems => Set<SupervisionItem>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();
    public DbSet<PostAbsence> PostAbsences => Set<PostAbsence>();
    public DbSet<CaseAuthorisation> CaseAuthorisations => Set<CaseAuthorisation>();
    public DbSet<CorrectionApproval> CorrectionApprovals => Set<CorrectionApproval>();
    public DbSet<SealUse> SealUses => Set<SealUse>();
    public DbSet<Consultations.Consultation> Consultations => Set<Consultations.Consultation>();
    public DbSet<Evaluations.RectificationItem> RectificationItems => Set<Evaluations.RectificationItem>();
    public DbSet<DeadLetters.DeadLetter> DeadLetters => Set<DeadLetters.DeadLetter>();
    public DbSet<Residents.ResidentLookup> ResidentLookups => Set<Residents.ResidentLookup>();
    public DbSet<Residents.ResidentNotice> ResidentNotices => Set<Residents.ResidentNotice>();
    public DbSet<Residents.ResidentLookupCode> ResidentLookupCodes => Set<Residents.ResidentLookupCode>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<Requests.ServiceRequest> ServiceRequests => Set<Requests.ServiceRequest>();
    public DbSet<Requests.CollectionTask> CollectionTasks => Set<Requests.CollectionTask>();
    public DbSet<Residents.VisitSlot> VisitSlots => Set<Residents.VisitSlot>();
    public DbSet<Residents.Visit> Visits => Set<Residents.Visit>();
    public DbSet<Residents.SpecialGroupMember> SpecialGroupMembers => Set<Residents.SpecialGroupMember>();

    /// <summary>A pooled context goes back to the pool here: nothing an interceptor kept may reach its next user.</summary>
    public override void Dispose()
    {
        _interceptorState = null;
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        _interceptorState = null;
        return base.DisposeAsync();
    }

    /// <summary>Detects the save's changes once, before the interceptors read them (<see cref="DetectedEntries"/>).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.AutoDetectChangesEnabled) ChangeTracker.DetectChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.AutoDetectChangesEnabled) ChangeTracker.DetectChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Case>(c =>
        {
            c.ToTable("cases");
            c.HasKey(x => x.Id);
            c.Property(x => x.Number).HasMaxLength(32);
            c.HasIndex(x => x.Number).IsUnique();
            c.Property(x => x.ItemCode).HasMaxLength(40);
            c.Property(x => x.DefinitionId).HasMaxLength(60);
            c.Property(x => x.State).HasMaxLength(40);
            c.Property(x => x.Mode).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.IntakeCommunityId).HasMaxLength(40);
            c.Property(x => x.RegistrationTownshipId).HasMaxLength(40);
            c.Property(x => x.CurrentPostId).HasMaxLength(60);
            c.Property(x => x.ApplicantName).HasMaxLength(100);
            c.Property(x => x.ApplicantIdNumber).HasMaxLength(18);
            c.Property(x => x.ApplicantPhone).HasMaxLength(20);
            c.Property(x => x.MaterialsHandedIn).HasJsonListConversion();
            c.Property(x => x.MissingMaterials).HasJsonListConversion();
            c.Property(x => x.DecisionText).HasMaxLength(2000);
            c.Property(x => x.DeliveryMethod).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.FirstContactStaffId).HasMaxLength(60);
            c.Property(x => x.TraceParent).HasMaxLength(100);
            // The stop's Chinese label, as the column held before ClockStop existed (no migration).
            c.Property(x => x.ClockStop).HasColumnName("ClockStopReason").HasMaxLength(200)
                .HasConversion(new ValueConverter<Tongban.Workflows.Clocks.ClockStop, string>(v => Tongban.Workflows.Clocks.ClockStops.Label(v), v => Tongban.Workflows.Clocks.ClockStops.FromLabel(v)));
            c.Property(x => x.Stage).HasMaxLength(30);
            c.Property(x => x.DeferredMaterials).HasJsonListConversion();
            // The bureau's question, "which open cases need attention now, where, in which item": one range on
            // AttentionAt, answered from the index alone (it carries what the counts group by).
            c.HasIndex(x => new { x.AttentionAt, x.EarliestDueAt, x.CurrentPostId, x.ItemCode });
            c.HasIndex(x => x.EarliestDueAt);
            // A jurisdiction's (or holder's) list, most urgent first, without walking other posts' cases; also every
            // other lookup by post (an index on the post alone was one more entry to write at every step).
            c.HasIndex(x => new { x.CurrentPostId, x.EarliestDueAt });
            // The running counts' lag: cases whose counted band's interval the clock has left.
            c.HasIndex(x => x.CountedUntil);
            c.HasIndex(x => x.CountedFrom);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasMany(x => x.History).WithOne().HasForeignKey(h => h.CaseId);
            c.HasIndex(x => x.FirstContactStaffId);
            c.Ignore(x => x.Location);
            c.Ignore(x => x.ClockStopReason);
            c.Ignore(x => x.Clock);
            c.Ignore(x => x.Record);
        });

        model.Entity<CaseHistoryEntry>(h =>
        {
            h.ToTable("case_history");
            h.HasKey(x => x.Id);
            h.HasIndex(x => new { x.CaseId, x.Sequence }).IsUnique();
            h.Property(x => x.Action).HasConversion<string>().HasMaxLength(30);
            h.Property(x => x.FromState).HasMaxLength(40);
            h.Property(x => x.ToState).HasMaxLength(40);
            h.Property(x => x.ActorId).HasMaxLength(80);
            h.Property(x => x.ActorName).HasMaxLength(100);
            h.Property(x => x.PostId).HasMaxLength(60);
            h.Property(x => x.ActingForId).HasMaxLength(60);
            // The hand-back list: what was done for an A holder.
            h.HasIndex(x => new { x.ActingForId, x.At });
            h.Property(x => x.JurisdictionId).HasMaxLength(40);
        });

        model.Entity<ServiceItemVersion>(v =>
        {
            v.ToTable("item_versions");
            v.HasKey(x => x.Id);
            v.HasIndex(x => new { x.Code, x.Version }).IsUnique();
            v.Property(x => x.Code).HasMaxLength(40);
            v.Property(x => x.Name).HasMaxLength(100);
            v.Property(x => x.PinyinInitials).HasMaxLength(40);
            v.Property(x => x.ContentHash).HasMaxLength(64);
            v.Property(x => x.DefinitionId).HasMaxLength(60);
        });

        model.Entity<Jurisdiction>(j =>
        {
            j.ToTable("jurisdictions");
            j.HasKey(x => x.Id);
            j.Property(x => x.Id).HasMaxLength(40);
            j.Property(x => x.Name).HasMaxLength(100);
            j.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            j.Property(x => x.ParentId).HasMaxLength(40);
            j.Property(x => x.Code).HasMaxLength(20);
        });

        model.Entity<Staff>(s =>
        {
            s.ToTable("staff");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).HasMaxLength(60);
            s.Property(x => x.DisplayName).HasMaxLength(100);
            s.Property(x => x.PasswordHash).HasMaxLength(200);
            s.Property(x => x.SessionStamp).HasMaxLength(40);
            s.Property(x => x.Roles).HasJsonListConversion();
        });

        model.Entity<Post>(p =>
        {
            p.ToTable("posts");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).HasMaxLength(60);
            p.Property(x => x.JurisdictionId).HasMaxLength(40);
            p.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
            p.Property(x => x.Name).HasMaxLength(100);
            p.Property(x => x.PrimaryHolderId).HasMaxLength(60);
            p.Property(x => x.BackupHolderId).HasMaxLength(60);
            p.Property(x => x.UnitHeadId).HasMaxLength(60);
            p.HasIndex(x => x.PrimaryHolderId);
            p.HasIndex(x => x.BackupHolderId);
        });

        model.Entity<OutboxMessage>(o =>
        {
            o.ToTable("outbox");
            o.HasKey(x => x.Sequence);
            o.Property(x => x.Sequence).ValueGeneratedOnAdd();
            o.HasIndex(x => x.MessageId).IsUnique();
            o.Property(x => x.MessageType).HasMaxLength(200);
            o.Property(x => x.Destination).HasMaxLength(200);
            o.Property(x => x.TraceParent).HasMaxLength(100);
            // The relay's claim query: undispatched rows in order.
            o.HasIndex(x => new { x.DispatchedAt, x.Sequence });
        });

        model.Entity<InboxMessage>(i =>
        {
            i.ToTable("inbox");
            i.HasKey(x => new { x.MessageId, x.Consumer });
            i.Property(x => x.Consumer).HasMaxLength(100);
            i.HasIndex(x => x.ProcessedAt);
        });

        model.Entity<DataProtectionKey>(k =>
        {
            k.ToTable("data_protection_keys");
            k.HasKey(x => x.Id);
            k.Property(x => x.FriendlyName).HasMaxLength(100);
        });

        // Entities added since keep their mapping next to them, in an IEntityTypeConfiguration<T>.
        model.ApplyConfigurationsFromAssembly(typeof(TongbanDbContext).Assembly);

        if (Database.IsSqlServer())
        {
            // The migrations' append-only triggers: SQL Server refuses an OUTPUT clause (EF's default for reading back
            // the identity and checking the concurrency token) on a table with triggers, so EF is told about them.
            model.Entity<Auditing.AuditRecord>().ToTable(t =>
            {
                t.HasTrigger("audit_records_no_change");
                t.HasTrigger("audit_records_retention");
            });
        }

        if (Database.IsSqlite())
        {
            UseUtcTicksForInstants(model);
        }
        else
        {
            StoreInstantsInUtc(model);
        }
    }

    /// <summary>
    /// Deadlines are computed in the county's time zone (+08:00); PostgreSQL's timestamptz takes UTC only. The
    /// instant is the same, so normalise on the way in (SQL Server's datetimeoffset then holds UTC as well).
    /// </summary>
    private static void StoreInstantsInUtc(ModelBuilder model)
    {
        var required = new ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
        var optional = new ValueConverter<DateTimeOffset?, DateTimeOffset?>(v => v.HasValue ? v.Value.ToUniversalTime() : null, v => v);
        foreach (var property in model.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(required);
            else if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(optional);
        }
    }

    /// <summary>SQLite has no instant type and EF cannot compare DateTimeOffset there; UTC ticks sort and compare.</summary>
    private static void UseUtcTicksForInstants(ModelBuilder model)
    {
        var required = new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        var optional = new ValueConverter<DateTimeOffset?, long?>(
            v => v.HasValue ? v.Value.UtcTicks : null,
            v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
        foreach (var property in model.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(required);
            else if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(optional);
        }
    }
}

/// <summary>A value stored as JSON text: the same on every provider.</summary>
public static class JsonColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ValueConverter<T, string> Converter<T>() where T : new() =>
        new(v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<T>(v, Json) ?? new T());

    public static ValueComparer<T> Comparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json)!);

    /// <summary>
    /// For lists of immutable values (strings, records): compared element by element and snapshotted as a copy.
    /// <see cref="Comparer{T}"/> serialises for each of these, and a tracked case paid that for three lists at every
    /// load (the snapshot) and every save (the comparison).
    /// </summary>
    public static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (hash, x) => HashCode.Combine(hash, x)),
        v => new List<T>(v));

    /// <summary>Maps a property as a JSON text column.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : new() =>
        property.HasConversion(Converter<T>(), Comparer<T>());

    /// <summary>Maps a list of immutable values as a JSON text column (<see cref="ListComparer{T}"/>).</summary>
    public static PropertyBuilder<List<T>> HasJsonListConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(Converter<List<T>>(), ListComparer<T>());
}

/// <summary>An ASP.NET Core data-protection key, so every gateway node shares one key ring (login tokens).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
