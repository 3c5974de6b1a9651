using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongban.Workflows.Runtime.Residents;

/// <summary>
/// One day a community takes door-to-door visits (预约上门), with its capacity and how many are booked. Booking
/// raises <see cref="Booked"/> in the transaction that inserts the visit, checked against <see cref="Version"/>
/// (a concurrency token), so two bookings for the last place cannot both commit.
/// </summary>
public sealed class VisitSlot
{
    public required string CommunityId { get; init; }

    public DateOnly Day { get; init; }

    public int Capacity { get; set; }

    public int Booked { get; set; }

    public int Version { get; set; }

    /// <summary>The administrator or unit head who last set the capacity.</summary>
    public required string SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }

    internal sealed class Mapping : IEntityTypeConfiguration<VisitSlot>
    {
        public void Configure(EntityTypeBuilder<VisitSlot> e)
        {
            e.ToTable("visit_slots");
            e.HasKey(x => new { x.CommunityId, x.Day });
            e.Property(x => x.CommunityId).HasMaxLength(40);
            e.Property(x => x.SetBy).HasMaxLength(60);
            e.Property(x => x.Version).IsConcurrencyToken();
        }
    }
}
