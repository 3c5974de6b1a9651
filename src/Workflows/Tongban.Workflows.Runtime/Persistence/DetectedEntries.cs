using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Tongban.Workflows.Runtime.Persistence;

/// <summary>
/// The change tracker's entries with the states it last detected, without scanning every tracked entity again.
/// <see cref="TongbanDbContext"/> detects a save's changes once, before its interceptors run, and they read the
/// entries through here: EF's own <c>ChangeTracker.Entries()</c> scans every tracked entity (its JSON lists compared
/// value by value) on each call, and with the interceptors each asking that was about a dozen scans per save. An
/// entity added or removed is tracked as such at once and seen here; a property an interceptor sets directly is
/// picked up by the save's own detection afterwards.
/// </summary>
public static class DetectedEntries
{
    public static IEnumerable<EntityEntry<T>> Detected<T>(this ChangeTracker tracker) where T : class
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<T>();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <inheritdoc cref="Detected{T}"/>
    public static IEnumerable<EntityEntry> Detected(this ChangeTracker tracker)
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }
}
