namespace Tongban.Limit;

/// <summary>
/// One staff step of the walk, taken through HTTP: the case moves from <see cref="From"/> to <see cref="To"/>.
/// A step with <see cref="HandOffTo"/> sends the case to another jurisdiction: the node behind that queue applies
/// the receiving transition (<see cref="To"/> → <see cref="Received"/>) as its own.
/// </summary>
public sealed record Step(string Action, string? From, string To, string? HandOffTo = null, string? Received = null);

/// <summary>
/// The project's cross-jurisdiction walk with one return for correction (tests/Tongban.Load/Checking/Route.cs
/// WithCorrection): 12 staff steps and 5 hand-offs, each received as the receiver's own transition: 17 in all.
/// </summary>
public static class Walk
{
    /// <summary>The queues of the three jurisdictions' nodes: the community (intake, delivery), the specialist, the township.</summary>
    public const string Community = "limit.community", Specialist = "limit.specialist", Township = "limit.township";

    /// <summary>The bureau's monitor: every transition that is not a hand-off publishes an event here.</summary>
    public const string Monitor = "limit.monitor";

    public const string Receive = "Receive";

    public static readonly Step[] Steps =
    [
        new("Intake", null, "SentToSpecialist", Specialist, "AtSpecialist"),
        new("Forward", "AtSpecialist", "SentToTownship", Township, "AwaitingSignFor"),
        new("SignFor", "AwaitingSignFor", "SignedFor"),
        new("ReturnForCorrection", "SignedFor", "ReturnedForCorrection", Community, "AwaitingCorrection"),
        new("Resubmit", "AwaitingCorrection", "Resubmitted", Township, "AwaitingSignFor"),
        new("SignFor", "AwaitingSignFor", "SignedFor"),
        new("Accept", "SignedFor", "Accepted"),
        new("Handle", "Accepted", "Handling"),
        new("Decide", "Handling", "Decided", Community, "AwaitingDelivery"),
        new("Deliver", "AwaitingDelivery", "Delivered"),
        new("Evaluate", "Delivered", "Evaluated"),
        new("Archive", "Evaluated", "Archived"),
    ];

    /// <summary>The steps after intake, by the action's name (the two sign-fors are the same step).</summary>
    public static readonly IReadOnlyDictionary<string, Step> ByAction = Steps.Skip(1).DistinctBy(s => s.Action).ToDictionary(s => s.Action, StringComparer.Ordinal);

    /// <summary>A finished case's journal, in order: what the project's history of the same walk is.</summary>
    public static readonly string[] Journal = [.. Steps.SelectMany(s => s.HandOffTo is null ? [s.Action] : new[] { s.Action, Receive })];

    public static int TransitionsPerCase => Journal.Length;

    public static readonly string[] Queues = [Community, Specialist, Township, Monitor];
}
