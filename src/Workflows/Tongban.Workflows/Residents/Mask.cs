namespace Tongban.Workflows.Residents;

/// <summary>
/// Masking of personal data for display in lists and for anything that might end up in a log.
/// PIPL §28 treats ID numbers and the like as sensitive; the common practice is to show only
/// the ends of a number, enough for a clerk to match it against a card held in hand.
/// </summary>
public static class Mask
{
    /// <summary>The character that replaces hidden digits.</summary>
    public const char Hidden = '*';

    /// <summary>
    /// Keeps the first <paramref name="head"/> and last <paramref name="tail"/> characters and
    /// replaces everything between with <see cref="Hidden"/>. If head and tail would overlap, the
    /// whole value is hidden: a short value shown "masked" but in full would defeat the purpose.
    /// </summary>
    public static string KeepEnds(string value, int head, int tail)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(head);
        ArgumentOutOfRangeException.ThrowIfNegative(tail);

        if (head + tail >= value.Length)
        {
            return new string(Hidden, value.Length);
        }

        return string.Concat(
            value.AsSpan(0, head),
            new string(Hidden, value.Length - head - tail),
            value.AsSpan(value.Length - tail));
    }

    /// <summary>
    /// A name as shown to whoever holds a receipt or answers a lookup: the first character (the surname, usually),
    /// the rest hidden — "李大爷" → "李**". A one-character name is hidden entirely.
    /// </summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new System.Globalization.StringInfo(name.Trim());
        var length = text.LengthInTextElements;
        return length <= 1 ? new string(Hidden, Math.Max(length, 1)) : text.SubstringByTextElements(0, 1) + new string(Hidden, length - 1);
    }
}
