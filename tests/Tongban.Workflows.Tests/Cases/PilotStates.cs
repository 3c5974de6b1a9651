namespace Tongban.Workflows.Tests.Cases;

/// <summary>
/// The state names of the pilot routes (data/routes/cross-jurisdiction.v1.json, window-immediate.v1.json), for tests
/// that walk a case through them. Only tests name a route's states; the code under src/ asks what a state is
/// (RouteNamesInCodeTests).
/// </summary>
internal static class PilotStates
{
    public const string Submitted = "Submitted";
    public const string AtSpecialist = "AtSpecialist";
    public const string ForwardedToTownship = "ForwardedToTownship";
    public const string AwaitingSignFor = "AwaitingSignFor";
    public const string SignedFor = "SignedFor";
    public const string ReturnedForCorrection = "ReturnedForCorrection";
    public const string AwaitingCorrection = "AwaitingCorrection";
    public const string Resubmitted = "Resubmitted";
    public const string Accepted = "Accepted";
    public const string Handling = "Handling";
    public const string Decided = "Decided";
    public const string AwaitingDelivery = "AwaitingDelivery";
    public const string Delivered = "Delivered";
    public const string Evaluated = "Evaluated";
    public const string Archived = "Archived";
    public const string Withdrawn = "Withdrawn";
}
