using System.Globalization;
using System.Security.Cryptography;

namespace Tongban.Workflows.Residents;

/// <summary>What the lookup made of a typed one-time code.</summary>
public enum CodeVerdict
{
    /// <summary>Right, unexpired, unused, attempts left: the progress is shown and the code is used up.</summary>
    Accepted,

    /// <summary>Wrong digits (counts as an attempt).</summary>
    Wrong,

    /// <summary>No code was ever sent for the case (or there is no such case).</summary>
    None,

    Expired,

    /// <summary>Already used once.</summary>
    Used,

    /// <summary>All <see cref="LookupCodes.MaxAttempts"/> attempts spent.</summary>
    Exhausted,
}

/// <summary>The current code of a case as stored: never the digits, only when it was sent, until when it holds, how often it was tried.</summary>
public sealed record LookupCodeState(DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, int Attempts, DateTimeOffset? UsedAt);

/// <summary>
/// The rules of the one-time code (短信验证码) for the public progress lookup, the alternative to the last six
/// characters of the ID number: six digits from a cryptographic generator, valid for a configured number of
/// minutes, at most <see cref="MaxAttempts"/> tries, one use, one code per case number per <see cref="Interval"/> and
/// at most <see cref="MaxPerDay"/> in any <see cref="Day"/>. The message says nothing but the code and the masked case number.
/// </summary>
public static partial class LookupCodes
{
    public const int Length = 6;
    public const int MaxAttempts = 5;
    public const int DefaultValidMinutes = 10;
    public const int MaxValidMinutes = 60;

    /// <summary>One code per case number per minute.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>At most this many codes per case number in any <see cref="Day"/>.</summary>
    public const int MaxPerDay = 10;

    /// <summary>The window <see cref="MaxPerDay"/> counts in: the last 24 hours, whatever the time zone.</summary>
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>Six digits, leading zeros kept, from the given generator of [0, max) (the real one is <see cref="RandomNumberGenerator.GetInt32(int, int)"/>).</summary>
    public static string Generate(Func<int, int, int> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var n = next(0, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, 1_000_000);
        return n.ToString("D6", CultureInfo.InvariantCulture);
    }

    public static string Generate() => Generate(RandomNumberGenerator.GetInt32);

    /// <summary>The typed code without surrounding or inner spaces, or null unless that is exactly six ASCII digits.</summary>
    public static string? Normalise(string? typed)
    {
        var code = new string((typed ?? "").Where(c => c is not (' ' or '\u3000')).ToArray());
        return code.Length == Length && code.All(char.IsAsciiDigit) ? code : null;
    }

    /// <summary>When a code sent at <paramref name="issuedAt"/> stops holding; the minutes are bounded to 1..<see cref="MaxValidMinutes"/>.</summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset issuedAt, int validMinutes) =>
        issuedAt.AddMinutes(Math.Clamp(validMinutes, 1, MaxValidMinutes));

    /// <summary>
    /// How long to wait before another code may be asked for the same case number, given when codes were asked for it
    /// (any order; the last <see cref="MaxPerDay"/> within a <see cref="Day"/> of <paramref name="now"/> suffice): a
    /// minute after the last one, and a day after the oldest of the last <see cref="MaxPerDay"/>. The number is printed
    /// on the receipt, so without the daily bound anyone holding it could have the resident's phone sent a message a
    /// minute all day. Null when a code may be sent now.
    /// </summary>
    public static TimeSpan? RetryAfter(IEnumerable<DateTimeOffset> requestedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requestedAt);
        var recent = requestedAt.Where(at => at > now - Day && at <= now).OrderDescending().Take(MaxPerDay).ToList();
        if (recent.Count == 0) return null;
        var wait = recent[0] + Interval - now;
        if (recent.Count == MaxPerDay && recent[^1] + Day - now > wait) wait = recent[^1] + Day - now;
        if (wait <= TimeSpan.Zero) return null;
        // Whole seconds, rounded up, at least one (what a Retry-After header carries).
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
    }

    /// <summary>What a resident is told when a code may not be sent yet (<see cref="RetryAfter"/>).</summary>
    public static string TryLaterText(TimeSpan wait) => wait <= Interval
        ? $"验证码已发送过，请在 {(int)Math.Ceiling(wait.TotalSeconds)} 秒后再试；如有疑问，请联系受理窗口。"
        : $"该案件 24 小时内已发送 {MaxPerDay} 次验证码，请在约 {(int)Math.Ceiling(wait.TotalHours)} 小时后再试，或凭身份证号后六位查询；如有疑问，请联系受理窗口。";

    /// <summary>The verdict on a typed code: <paramref name="matches"/> is whether its keyed hash equals the stored one.</summary>
    public static CodeVerdict Check(LookupCodeState? state, DateTimeOffset now, bool matches)
    {
        if (state is null) return CodeVerdict.None;
        if (state.UsedAt is not null) return CodeVerdict.Used;
        if (now >= state.ExpiresAt) return CodeVerdict.Expired;
        if (state.Attempts >= MaxAttempts) return CodeVerdict.Exhausted;
        return matches ? CodeVerdict.Accepted : CodeVerdict.Wrong;
    }

    /// <summary>Whether the verdict spends one of the code's attempts (a refused code with none left, or none at all, has nothing to spend).</summary>
    public static bool SpendsAttempt(CodeVerdict verdict) => verdict is CodeVerdict.Accepted or CodeVerdict.Wrong;

    /// <summary>The case number as a code message shows it: the first and last four characters.</summary>
    public static string MaskCaseNumber(string number) => Mask.KeepEnds(number, 4, 4);

    /// <summary>The message (zh-CN; the SMS signature is added by the channel): the code and the masked case number, nothing else.</summary>
    public static string Text(string maskedCaseNumber, string code, int validMinutes) =>
        $"您正在查询办件（编号{maskedCaseNumber}）的办理进度，验证码{code}，{Math.Clamp(validMinutes, 1, MaxValidMinutes)}分钟内有效，仅可使用一次。请勿告诉他人；如非本人操作，请忽略。";

    /// <summary>
    /// A lookup-code notice's <see cref="Text"/> with the code's digits hidden: what staff see of it where the list is
    /// not the way the code reaches the resident (an SMS channel; on the <c>Local</c> channel the window reads it out).
    /// </summary>
    public static string WithoutCode(string text) => CodeInText().Replace(text, "验证码******");

    [System.Text.RegularExpressions.GeneratedRegex(@"验证码\d{6}")]
    private static partial System.Text.RegularExpressions.Regex CodeInText();

    /// <summary>The same as template parameters.</summary>
    public static IReadOnlyDictionary<string, string> Parameters(string maskedCaseNumber, string code, int validMinutes) => new Dictionary<string, string>
    {
        ["caseNumber"] = maskedCaseNumber,
        ["code"] = code,
        ["minutes"] = Math.Clamp(validMinutes, 1, MaxValidMinutes).ToString(CultureInfo.InvariantCulture),
    };
}
