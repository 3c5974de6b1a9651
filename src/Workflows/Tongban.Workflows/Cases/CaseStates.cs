namespace Tongban.Workflows.Cases;

/// <summary>
/// The engine's own state name: <see cref="None"/>, before intake. The states of a case after that are the nodes of
/// its route (data/routes), known only to the definition; code asks what a state is (<see cref="StateTraits"/>), never
/// which one it is (RouteNamesInCodeTests checks this).
/// </summary>
public static class CaseStates
{
    /// <summary>Before intake: the source state of the Intake transition.</summary>
    public const string None = "None";
}
