using System.Diagnostics.CodeAnalysis;

namespace Tongban.Workflows.Residents;

/// <summary>
/// A person's name as typed at the window: one line of visible text. Names end up on notices, in the case
/// list and in exported statistics, so characters a reader cannot see (control characters, zero-width
/// characters, text-direction overrides) are refused rather than stored: they make two names that look the
/// same compare different and can reorder what a clerk reads on screen.
/// </summary>
public static class PersonName
{
    /// <summary>Checks a name of at most <paramref name="maxLength"/> characters; returns it trimmed, or a Chinese error.</summary>
    public static bool TryParse(
        string? text,
        int maxLength,
        [NotNullWhen(true)] out string? name,
        [NotNullWhen(false)] out string? error)
    {
        name = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength)
        {
            error = $"请填写申请人姓名（不超过{maxLength}字）。";
            return false;
        }

        if (HasHiddenCharacters(trimmed, allowLineBreaks: false))
        {
            error = "姓名不能含有控制字符、零宽字符或文字方向控制符。";
            return false;
        }

        name = trimmed;
        error = null;
        return true;
    }

    /// <summary>
    /// True when the text holds a control character (tab, CR and LF excepted when <paramref name="allowLineBreaks"/>),
    /// a zero-width character (U+200B–U+200F, U+2060, U+FEFF) or a text-direction override (U+202A–U+202E, U+2066–U+2069).
    /// </summary>
    public static bool HasHiddenCharacters(ReadOnlySpan<char> text, bool allowLineBreaks)
    {
        foreach (var c in text)
        {
            if (allowLineBreaks && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c) || IsInvisibleFormat(c)) return true;
        }

        return false;
    }

    private static bool IsInvisibleFormat(char c) =>
        c is (>= '\u200B' and <= '\u200F') or '\u2060' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
