using System.Text.RegularExpressions;
using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Runtime.DeadLetters;

/// <summary>
/// An exception message as staff may see it. Hand-offs carry only ids and the consumer's own messages name only
/// ids, but a message from a library (a database constraint, a serializer) could quote a value; whatever looks
/// like a resident's ID number or mobile number is masked before it is stored, and the text is bounded.
/// </summary>
public static partial class FaultText
{
    public const int MaxLength = 1000;

    public static string Scrub(string? message)
    {
        var text = message ?? "";
        text = IdNumber().Replace(text, m => Mask.KeepEnds(m.Value, 6, 4));
        text = Mobile().Replace(text, m => Mask.KeepEnds(m.Value, 3, 4));
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }

    // 18-character resident ID numbers (GB 11643) and 11-digit mainland mobile numbers, as whole tokens.
    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")]
    private static partial Regex Mobile();
}
