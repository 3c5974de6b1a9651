namespace Tongban.Workflows.Posts;

/// <summary>
/// 一次性告知: missing materials are listed once. A second (or later) return for correction on the same case is
/// an exception that needs an approval by the unit head, used up by the return it allows.
/// </summary>
public static class CorrectionRule
{
    /// <summary>Null when the return may happen; otherwise the reason it may not.</summary>
    public static string? RefusalFor(int correctionRoundsSoFar, int unusedApprovals) =>
        correctionRoundsSoFar == 0 || unusedApprovals > 0
            ? null
            : $"本案已退回补正 {correctionRoundsSoFar} 次。一次性告知要求一次列明全部材料；再次退回须经单位负责人审批同意（说明理由）。";
}
