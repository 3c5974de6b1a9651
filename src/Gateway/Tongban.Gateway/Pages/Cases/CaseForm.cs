namespace Tongban.Gateway.Pages.Cases;

/// <summary>What the person typed into the case page's forms, shown again when a form comes back with errors.</summary>
public sealed class CaseForm
{
    public HashSet<string> MissingTicked { get; set; } = [];
    public Dictionary<string, string> Problems { get; set; } = [];
    public bool? DecideApproved { get; set; }
    public string? DecideText { get; set; }
    public string? SealName { get; set; }
    public string? SealDocument { get; set; }
    public string? StopReason { get; set; }
    public string? ExtensionReason { get; set; }
    public string? RevealReason { get; set; }

    /// <summary>Field errors under the form's field names (e.g. <c>problem-ID</c>, <c>stop-reason</c>).</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The use case's field names, renamed where the page's form uses another (e.g. reason → stop-reason).</summary>
    public void AddErrors(IReadOnlyDictionary<string, string[]> errors, params (string Field, string FormField)[] renames)
    {
        foreach (var (key, messages) in errors)
        {
            Errors[renames.FirstOrDefault(r => r.Field == key).FormField ?? key] = string.Join(" ", messages);
        }
    }

    /// <summary>退回补正: <c>missing[2].problem</c> → the problem box of the third ticked material; the rest under the list.</summary>
    public void AddReturnErrors(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<string> tickedCodes)
    {
        foreach (var (key, messages) in errors)
        {
            var index = key.StartsWith("missing[", StringComparison.Ordinal) && int.TryParse(key.AsSpan(8, key.IndexOf(']', StringComparison.Ordinal) - 8), out var i) ? i : -1;
            Errors[index >= 0 && index < tickedCodes.Count ? $"problem-{tickedCodes[index]}" : "missing"] = string.Join(" ", messages);
        }
    }
}
