using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Clocks;

/// <summary>
/// One year's official holiday schedule, as published each November. Loaded at run time (file on start, or the
/// administrators' API), so next year's calendar needs no release.
/// </summary>
public sealed class HolidayScheduleRecord
{
    public int Year { get; set; }
    public required string Json { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public required string LoadedBy { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<HolidayScheduleRecord>
    {
        public void Configure(EntityTypeBuilder<HolidayScheduleRecord> e)
        {
            e.ToTable("holiday_schedules");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.Source).HasMaxLength(300);
            e.Property(x => x.LoadedBy).HasMaxLength(60);
        }
    }
}
