using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongban.Workflows.Calendars;
using Tongban.Workflows.Catalog;
using Tongban.Workflows.Runtime.Catalog;
using Tongban.Workflows.Runtime.Persistence;

namespace Tongban.Workflows.Runtime.Consultations;

/// <summary>
/// 咨询告知 (首问负责): what a staff member told a resident who asked, whether or not it became a case — the item,
/// the complete material list (一次性告知) and the promised due date. No personal data. Linked to the case it
/// became, whose first-contact person the consulting staff member then is.
/// </summary>
public sealed class Consultation
{
    public Guid Id { get; set; }
    public required string StaffId { get; set; }
    public required string JurisdictionId { get; set; }
    public required string ItemCode { get; set; }
    public int ItemVersion { get; set; }
    public ContactChannel Channel { get; set; }
    public List<MaterialTold> Materials { get; set; } = [];
    public int PromisedWorkingDays { get; set; }
    public DateTimeOffset PromisedDueAt { get; set; }
    public bool PromisedProvisional { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? CaseId { get; set; }

    /// <summary>
    /// What the resident is told, as one record: the current item version's complete material list and the due date
    /// promised for the mode, counted in working days from now. The API and the consultation page both record this.
    /// </summary>
    public static Consultation Record(LoadedItemVersion item, CaseMode mode, ContactChannel channel, string staffId, string jurisdictionId, string? note, DeadlineCalculator calendar, DateTimeOffset now)
    {
        var days = item.Spec.TimeLimitFor(mode);
        var due = calendar.AddWorkingDays(now, days);
        return new Consultation
        {
            Id = Guid.CreateVersion7(now), StaffId = staffId, JurisdictionId = jurisdictionId, ItemCode = item.Spec.Code, ItemVersion = item.Version,
            Channel = channel, Materials = [.. item.Spec.Materials.Select(m => new MaterialTold(m.Code, m.Name, m.Essential))],
            PromisedWorkingDays = days, PromisedDueAt = due.DueAt, PromisedProvisional = due.IsProvisional, Note = note, At = now,
        };
    }

    internal sealed class Mapping : IEntityTypeConfiguration<Consultation>
    {
        public void Configure(EntityTypeBuilder<Consultation> e)
        {
            e.ToTable("consultations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StaffId, x.At });
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.StaffId).HasMaxLength(60);
            e.Property(x => x.JurisdictionId).HasMaxLength(40);
            e.Property(x => x.ItemCode).HasMaxLength(40);
            e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Materials).HasJsonConversion();
            e.Property(x => x.Note).HasMaxLength(500);
        }
    }
}

/// <summary>One material on the list the resident was given.</summary>
public sealed record MaterialTold(string Code, string Name, bool Essential);

/// <summary>How the resident reached the first-contact person.</summary>
public enum ContactChannel
{
    InPerson,
    Phone,
    Online,
}
