namespace Tongban.UseCases.Visits;

/// <summary>The public booking's limit, from configuration <c>Residents:Visits:*</c>.</summary>
public sealed class VisitLimits
{
    /// <summary>Bookings from one client address per hour through the public page or API (a family books for several elders at most).</summary>
    public int PerAddressPerHour { get; set; } = 5;
}
