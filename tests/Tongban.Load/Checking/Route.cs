namespace Tongban.Load.Checking;

/// <summary>
/// The walks a case of the generator may take: through the cross-jurisdiction route, step by step, and through a
/// parallel route (并联办理: the township's lead branch and one county department's opinion), whose branches
/// interleave in any order, so only the steps (not their order) are fixed.
/// </summary>
public static class Route
{
    public static readonly string[] Straight =
        ["Intake", "Receive", "Forward", "Receive", "SignFor", "Accept", "Handle", "Decide", "Receive", "Deliver", "Evaluate", "Archive"];

    /// <summary>With one return for correction (补正) and the resubmission.</summary>
    public static readonly string[] WithCorrection =
        ["Intake", "Receive", "Forward", "Receive", "SignFor", "ReturnForCorrection", "Receive", "Resubmit", "Receive", "SignFor", "Accept", "Handle", "Decide", "Receive", "Deliver", "Evaluate", "Archive"];

    /// <summary>The route a case of this item runs, as the load report names it.</summary>
    public static string NameOf(string itemCode) => Driving.LoadDriver.IsParallel(itemCode) ? "disability-care (并联)" : "cross-jurisdiction";

    /// <summary>What the history should be, given whether the township asked for a correction.</summary>
    public static string[] Expected(bool corrected) => corrected ? WithCorrection : Straight;

    /// <summary>A parallel route's steps: the fork, the task's hand-off, the opinion and the join besides the lead's.</summary>
    public static string[] Parallel(bool corrected) =>
        [.. Expected(corrected).TakeWhile(s => s != "Accept"), "Accept", "Fork", "Receive", "Handle", "GiveOpinion", "Join", "Decide", "Receive", "Deliver", "Evaluate", "Archive"];

    /// <summary>Each step at most as often as the walk has it: what a correct (possibly unfinished) parallel history is.</summary>
    public static bool WithinMultiset(IReadOnlyList<string> steps, string[] walk) =>
        steps.GroupBy(s => s).All(g => g.Count() <= walk.Count(w => w == g.Key));
}
