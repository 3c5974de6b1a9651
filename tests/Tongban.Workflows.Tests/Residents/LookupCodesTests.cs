using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

/// <summary>The one-time lookup code: six digits, expiry, five attempts, one use, one per minute, a message with nothing but the code and the masked number.</summary>
public sealed class LookupCodesTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private static LookupCodeState Fresh(int attempts = 0, DateTimeOffset? used = null) =>
        new(Issued, LookupCodes.ExpiresAt(Issued, 10), attempts, used);

    [Theory]
    [InlineData(0, "000000")]
    [InlineData(7, "000007")]
    [InlineData(999_999, "999999")]
    public void Codes_are_six_digits_with_leading_zeros(int drawn, string expected) =>
        Assert.Equal(expected, LookupCodes.Generate((min, max) => { Assert.Equal((0, 1_000_000), (min, max)); return drawn; }));

    [Fact]
    public void The_real_generator_draws_six_digit_codes_that_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => LookupCodes.Generate()).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        Assert.True(codes.Distinct().Count() > 190);
    }

    [Fact]
    public void A_generator_out_of_range_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LookupCodes.Generate((_, _) => 1_000_000));

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("012345", "012345")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("１２３４５６", null)] // full-width digits are not ASCII digits
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Typed_codes_are_normalised_or_refused(string? typed, string? expected) => Assert.Equal(expected, LookupCodes.Normalise(typed));

    [Theory]
    [InlineData(10, 10)]
    [InlineData(0, 1)]
    [InlineData(600, 60)]
    public void Expiry_is_bounded(int minutes, int expected) =>
        Assert.Equal(Issued.AddMinutes(expected), LookupCodes.ExpiresAt(Issued, minutes));

    [Fact]
    public void A_right_code_within_its_time_is_accepted()
    {
        Assert.Equal(CodeVerdict.Accepted, LookupCodes.Check(Fresh(), Issued, matches: true));
        Assert.Equal(CodeVerdict.Accepted, LookupCodes.Check(Fresh(attempts: 4), Issued.AddMinutes(10).AddTicks(-1), matches: true));
    }

    [Fact]
    public void Wrong_expired_used_exhausted_and_missing_codes_are_refused()
    {
        Assert.Equal(CodeVerdict.Wrong, LookupCodes.Check(Fresh(), Issued, matches: false));
        Assert.Equal(CodeVerdict.Expired, LookupCodes.Check(Fresh(), Issued.AddMinutes(10), matches: true));
        Assert.Equal(CodeVerdict.Used, LookupCodes.Check(Fresh(attempts: 1, used: Issued.AddMinutes(1)), Issued.AddMinutes(2), matches: true));
        Assert.Equal(CodeVerdict.Exhausted, LookupCodes.Check(Fresh(attempts: LookupCodes.MaxAttempts), Issued, matches: true));
        Assert.Equal(CodeVerdict.None, LookupCodes.Check(null, Issued, matches: true));
    }

    [Fact]
    public void Only_a_live_code_spends_an_attempt()
    {
        Assert.True(LookupCodes.SpendsAttempt(CodeVerdict.Accepted));
        Assert.True(LookupCodes.SpendsAttempt(CodeVerdict.Wrong));
        foreach (var v in new[] { CodeVerdict.None, CodeVerdict.Expired, CodeVerdict.Used, CodeVerdict.Exhausted }) Assert.False(LookupCodes.SpendsAttempt(v));
    }

    [Fact]
    public void Five_wrong_tries_exhaust_a_code_even_the_right_one_after()
    {
        var state = Fresh();
        for (var i = 0; i < LookupCodes.MaxAttempts; i++)
        {
            Assert.Equal(CodeVerdict.Wrong, LookupCodes.Check(state, Issued, matches: false));
            state = state with { Attempts = state.Attempts + 1 };
        }

        Assert.Equal(CodeVerdict.Exhausted, LookupCodes.Check(state, Issued, matches: true));
    }

    [Fact]
    public void One_code_per_minute()
    {
        Assert.Null(LookupCodes.RetryAfter([], Issued));
        Assert.Equal(TimeSpan.FromSeconds(60), LookupCodes.RetryAfter([Issued], Issued));
        Assert.Equal(TimeSpan.FromSeconds(31), LookupCodes.RetryAfter([Issued], Issued.AddSeconds(29.5)));
        Assert.Equal(TimeSpan.FromSeconds(1), LookupCodes.RetryAfter([Issued.AddMinutes(-5), Issued], Issued.AddSeconds(59.9)));
        Assert.Null(LookupCodes.RetryAfter([Issued], Issued.AddMinutes(1)));
    }

    [Fact]
    public void At_most_ten_codes_in_any_24_hours()
    {
        var ten = Enumerable.Range(0, LookupCodes.MaxPerDay).Select(i => Issued.AddMinutes(i)).ToList();

        // Nine a minute apart leave the tenth free a minute after the ninth.
        Assert.Null(LookupCodes.RetryAfter(ten.Take(9), Issued.AddMinutes(9)));
        // After the tenth, the next waits until the first is a day old, not a minute.
        Assert.Equal(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(15), LookupCodes.RetryAfter(ten, Issued.AddMinutes(15)));
        Assert.Equal(TimeSpan.FromSeconds(1), LookupCodes.RetryAfter(ten, Issued.AddHours(24).AddSeconds(-1)));
        // A day after the first, nine remain in the window: one more may go.
        Assert.Null(LookupCodes.RetryAfter(ten, Issued.AddHours(24)));
        // Older requests and the order they come in change nothing.
        Assert.Equal(LookupCodes.RetryAfter(ten, Issued.AddMinutes(15)), LookupCodes.RetryAfter([.. ten.AsEnumerable().Reverse(), Issued.AddDays(-3)], Issued.AddMinutes(15)));
    }

    [Fact]
    public void The_resident_is_told_in_seconds_or_in_hours()
    {
        Assert.Contains("31 秒后", LookupCodes.TryLaterText(TimeSpan.FromSeconds(31)));
        Assert.Contains("约 24 小时后", LookupCodes.TryLaterText(TimeSpan.FromHours(23.75)));
        Assert.Contains("10 次", LookupCodes.TryLaterText(TimeSpan.FromHours(2)));
    }

    [Fact]
    public void The_message_holds_the_code_and_the_masked_number_only()
    {
        var masked = LookupCodes.MaskCaseNumber("QS20261127-3F9A2C81D0");
        Assert.Equal("QS20*************81D0", masked);
        var text = LookupCodes.Text(masked, "042917", 10);
        Assert.Contains("042917", text);
        Assert.Contains(masked, text);
        Assert.Contains("10分钟", text);
        Assert.DoesNotContain("3F9A2C", text);
        Assert.Equal(new Dictionary<string, string> { ["caseNumber"] = masked, ["code"] = "042917", ["minutes"] = "10" }, LookupCodes.Parameters(masked, "042917", 10));
    }

    [Fact]
    public void Staff_can_be_shown_the_message_without_the_code()
    {
        var text = LookupCodes.Text(LookupCodes.MaskCaseNumber("QS20261127-3F9A2C81D0"), "042917", 10);
        var shown = LookupCodes.WithoutCode(text);
        Assert.DoesNotContain("042917", shown);
        Assert.Contains("验证码******", shown);
        Assert.Equal(text.Length, shown.Length);
        Assert.Equal("您的办件已受理。", LookupCodes.WithoutCode("您的办件已受理。"));
    }
}
