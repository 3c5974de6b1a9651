using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Tongban.Workflows.Residents;

/// <summary>
/// Citizen identity number (公民身份号码, 身份证号) per GB 11643-1999: 6-digit address code,
/// 8-digit birth date (yyyyMMdd), 3-digit sequence code (odd for men, even for women) and an
/// ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
/// <remarks>
/// Instances only exist for numbers that passed every check, so holders never re-validate.
/// <see cref="ToString"/> returns the masked form on purpose: string interpolation into a log
/// line or an exception message must not leak the full number (DOMAIN.md, personal information).
/// Use <see cref="Value"/> explicitly where the full number is needed and its use is audited.
/// </remarks>
public sealed class ChineseIdNumber : IEquatable<ChineseIdNumber>
{
    private const int Length = 18;

    // GB 11643-1999 weights W_i = 2^(i-1) mod 11 for positions 18..2, written out as in the standard.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    // Check character indexed by (weighted sum mod 11).
    private const string CheckCharacters = "10X98765432";

    // Outside this range a birth date is a typing error rather than a person; the standard's own
    // format cannot say more than "a real date".
    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);
    private static readonly DateOnly LatestBirthDate = new(2100, 12, 31);

    private ChineseIdNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The full 18-character number, check character upper case. Sensitive: do not log.</summary>
    public string Value { get; }

    /// <summary>Birth date encoded in positions 7–14.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>True when the sequence code (17th digit) is odd, which the standard assigns to men.</summary>
    public bool IsMale => (Value[16] - '0') % 2 == 1;

    /// <summary>The 6-digit administrative division code of the place of first registration.</summary>
    public string AddressCode => Value[..6];

    /// <summary>First 6 and last 4 characters, the rest hidden: "110105********002X".</summary>
    public string Masked => Mask.KeepEnds(Value, 6, 4);

    /// <summary>
    /// Checks a number as typed by a window clerk. Leading and trailing white space is ignored and a
    /// lower-case x is accepted (both are common when numbers are copied from other systems).
    /// The error, when there is one, is in Chinese and can be shown to the clerk as is.
    /// With <paramref name="today"/> a birth date after it is refused too (a number being registered belongs to
    /// someone already born); without it only the standard's format and the 1900–2100 range are checked.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out ChineseIdNumber? id,
        [NotNullWhen(false)] out string? error,
        DateOnly? today = null)
    {
        id = null;
        error = Check(text, today, out var normalised, out var birthDate);
        if (error is not null)
        {
            return false;
        }

        id = new ChineseIdNumber(normalised!, birthDate);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/> but throws <see cref="FormatException"/> carrying the Chinese error.</summary>
    public static ChineseIdNumber Parse(string? text, DateOnly? today = null) =>
        TryParse(text, out var id, out var error, today) ? id : throw new FormatException(error);

    private static string? Check(string? text, DateOnly? today, out string? normalised, out DateOnly birthDate)
    {
        normalised = null;
        birthDate = default;

        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "请填写身份证号";
        }

        if (trimmed.Length != Length)
        {
            return "身份证号应为18位";
        }

        var upper = trimmed.ToUpperInvariant();
        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(upper[i]))
            {
                return "身份证号前17位只能是数字";
            }
        }

        var last = upper[Length - 1];
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return "身份证号最后一位只能是数字或X";
        }

        // The date is checked before the check character: a clerk who typed a wrong digit in the
        // date learns where to look, rather than only that "something" is wrong.
        if (!DateOnly.TryParseExact(upper.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate)
            || birthDate < EarliestBirthDate
            || birthDate > LatestBirthDate
            || birthDate > today)
        {
            return "身份证号中的出生日期无效";
        }

        if (CheckCharacterFor(upper) != last)
        {
            return "身份证号校验位不正确";
        }

        normalised = upper;
        return null;
    }

    private static char CheckCharacterFor(string number)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (number[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <inheritdoc />
    public bool Equals(ChineseIdNumber? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ChineseIdNumber);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The masked form, never the full number; see the remarks on the type.</summary>
    public override string ToString() => Masked;
}
