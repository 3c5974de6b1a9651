namespace Tongban.Workflows.Cases;

/// <summary>State names used by the route templates. Definitions store them as plain strings.</summary>
public static class CaseStates
{
    /// <summary>Before intake: the source state of the Intake transition.</summary>
    public const string None = "None";
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
