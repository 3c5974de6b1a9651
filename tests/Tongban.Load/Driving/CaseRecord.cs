namespace Tongban.Load.Driving;

/// <summary>
/// The generator's own record of one case: what it asked for and which steps the API confirmed. The
/// reconciliation compares this with what the system stored, never with the system's own counters.
/// </summary>
public sealed class CaseRecord(Guid id, string itemCode, string community, string township, bool wantsCorrection)
{
    private readonly List<string> _confirmed = [];

    public Guid Id { get; } = id;
    public string ItemCode { get; } = itemCode;
    public string Community { get; } = community;
    public string Township { get; } = township;
    public bool WantsCorrection { get; } = wantsCorrection;

    /// <summary>Set when the township asked for the correction (or may have: the answer was lost).</summary>
    public bool CorrectionRequested { get; set; }

    public bool Opened { get; set; }

    /// <summary>Seconds since the run started.</summary>
    public double OpenedAt { get; set; }

    public double? ArchivedAt { get; set; }

    /// <summary>Steps the API answered 2xx for, in order.</summary>
    public IReadOnlyList<string> Confirmed
    {
        get
        {
            lock (_confirmed) return [.. _confirmed];
        }
    }

    public void Confirm(string action)
    {
        lock (_confirmed) _confirmed.Add(action);
    }
}
