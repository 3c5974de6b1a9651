using System.Diagnostics.CodeAnalysis;

namespace Tongban.Workflows.Residents;

/// <summary>
/// A resident's contact number: a mainland mobile (1[3-9] + 9 digits) or a landline
/// (0 + 2–3 digit area code, optional '-', then 7–8 digits).
/// </summary>
/// <remarks>
/// Landlines are kept in the form "area-local" (e.g. "0571-88886666") whether or not the dash was
/// typed, so the same line is stored one way. <see cref="ToString"/> returns the masked form so a
/// number interpolated into a log line does not leak.
/// </remarks>
public sealed class PhoneNumber : IEquatable<PhoneNumber>
{
    private const int MobileLength = 11;

    private PhoneNumber(PhoneNumberKind kind, string? areaCode, string localNumber)
    {
        Kind = kind;
        AreaCode = areaCode;
        LocalNumber = localNumber;
    }

    /// <summary>Mobile or landline.</summary>
    public PhoneNumberKind Kind { get; }

    /// <summary>Area code including the leading 0 ("010", "0571"); null for a mobile number.</summary>
    public string? AreaCode { get; }

    /// <summary>The mobile number, or the landline's number within its area.</summary>
    public string LocalNumber { get; }

    /// <summary>Full normalised number: "13800138000" or "0571-88886666". Personal data: do not log.</summary>
    public string Value => AreaCode is null ? LocalNumber : $"{AreaCode}-{LocalNumber}";

    /// <summary>
    /// Mobile: first 3 and last 4 ("138****8000"). Landline: the area code, which only names a city,
    /// and the last 2 digits ("0571-******66").
    /// </summary>
    public string Masked => AreaCode is null
        ? Mask.KeepEnds(LocalNumber, 3, 4)
        : $"{AreaCode}-{Mask.KeepEnds(LocalNumber, 0, 2)}";

    /// <summary>
    /// Checks a number as typed by a window clerk; leading and trailing white space is ignored.
    /// The error, when there is one, is in Chinese and can be shown to the clerk as is.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out PhoneNumber? phone,
        [NotNullWhen(false)] out string? error)
    {
        phone = null;
        error = null;

        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "请填写联系电话";
            return false;
        }

        if (trimmed[0] == '1')
        {
            return TryParseMobile(trimmed, out phone, out error);
        }

        if (trimmed[0] == '0')
        {
            return TryParseLandline(trimmed, out phone, out error);
        }

        error = "联系电话格式不正确：手机号应为1开头的11位数字，固定电话应以区号0开头";
        return false;
    }

    /// <summary>Like <see cref="TryParse"/> but throws <see cref="FormatException"/> carrying the Chinese error.</summary>
    public static PhoneNumber Parse(string? text) =>
        TryParse(text, out var phone, out var error) ? phone : throw new FormatException(error);

    private static bool TryParseMobile(string text, out PhoneNumber? phone, out string? error)
    {
        phone = null;
        if (text.Length != MobileLength || !IsAllDigits(text))
        {
            error = "手机号应为11位数字";
            return false;
        }

        // 10, 11 and 12 are not issued to subscribers.
        if (text[1] < '3')
        {
            error = "手机号号段不正确";
            return false;
        }

        error = null;
        phone = new PhoneNumber(PhoneNumberKind.Mobile, null, text);
        return true;
    }

    private static bool TryParseLandline(string text, out PhoneNumber? phone, out string? error)
    {
        phone = null;
        error = "固定电话应为区号加7至8位号码，例如 0571-88886666";

        string areaCode;
        string localNumber;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            areaCode = text[..dash];
            localNumber = text[(dash + 1)..];
        }
        else
        {
            // Without a dash the split follows the national numbering plan: 010 and 020–029 are
            // the only two-digit area codes (after the 0); every other area code has three.
            var areaLength = text.Length > 1 && text[1] is '1' or '2' ? 3 : 4;
            if (text.Length <= areaLength)
            {
                return false;
            }

            areaCode = text[..areaLength];
            localNumber = text[areaLength..];
        }

        if (areaCode.Length is < 3 or > 4 || !IsAllDigits(areaCode)
            || localNumber.Length is < 7 or > 8 || !IsAllDigits(localNumber))
        {
            return false;
        }

        // "0000-0000000" has the shape of a landline but no area or subscriber is numbered all zeros.
        if (IsAllZeros(areaCode) || IsAllZeros(localNumber))
        {
            error = "固定电话的区号或号码不能全为0";
            return false;
        }

        error = null;
        phone = new PhoneNumber(PhoneNumberKind.Landline, areaCode, localNumber);
        return true;
    }

    private static bool IsAllZeros(string text) => text.AsSpan().IndexOfAnyExcept('0') < 0;

    private static bool IsAllDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(PhoneNumber? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PhoneNumber);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The masked form, never the full number.</summary>
    public override string ToString() => Masked;
}
