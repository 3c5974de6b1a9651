using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("13800138000")]
    [InlineData("19912345678")]
    [InlineData(" 15012345678 ")]
    public void Accepts_mobile_numbers(string text)
    {
        Assert.True(PhoneNumber.TryParse(text, out var phone, out var error));
        Assert.Null(error);
        Assert.Equal(PhoneNumberKind.Mobile, phone.Kind);
        Assert.Null(phone.AreaCode);
        Assert.Equal(text.Trim(), phone.Value);
    }

    [Theory]
    [InlineData("010-12345678", "010", "12345678")]
    [InlineData("01012345678", "010", "12345678")] // 010 is a two-digit area code after the 0
    [InlineData("021-6543210", "021", "6543210")]
    [InlineData("0571-88886666", "0571", "88886666")]
    [InlineData("057188886666", "0571", "88886666")] // other area codes have three digits after the 0
    [InlineData("0898-6123456", "0898", "6123456")]
    public void Accepts_landlines_and_normalises_to_area_dash_local(string text, string areaCode, string local)
    {
        Assert.True(PhoneNumber.TryParse(text, out var phone, out var error));
        Assert.Null(error);
        Assert.Equal(PhoneNumberKind.Landline, phone.Kind);
        Assert.Equal(areaCode, phone.AreaCode);
        Assert.Equal(local, phone.LocalNumber);
        Assert.Equal($"{areaCode}-{local}", phone.Value);
    }

    [Fact]
    public void Same_landline_with_and_without_dash_is_equal()
    {
        Assert.Equal(PhoneNumber.Parse("0571-88886666"), PhoneNumber.Parse("057188886666"));
    }

    [Theory]
    [InlineData("12345678901", "手机号号段不正确")] // 12x is not a subscriber range
    [InlineData("1380013800", "手机号应为11位数字")] // 10 digits
    [InlineData("138001380001", "手机号应为11位数字")] // 12 digits
    [InlineData("1380013800a", "手机号应为11位数字")]
    [InlineData("138-0013-8000", "手机号应为11位数字")]
    public void Rejects_bad_mobile_numbers(string text, string expectedError)
    {
        Assert.False(PhoneNumber.TryParse(text, out var phone, out var error));
        Assert.Null(phone);
        Assert.Equal(expectedError, error);
    }

    [Theory]
    [InlineData("010-123456")] // local part too short
    [InlineData("010-123456789")] // local part too long
    [InlineData("0-12345678")] // no area code
    [InlineData("05712-12345678")] // area code too long
    [InlineData("0571-8888666a")]
    [InlineData("0571 88886666")]
    [InlineData("0571")]
    public void Rejects_bad_landlines(string text)
    {
        Assert.False(PhoneNumber.TryParse(text, out _, out var error));
        Assert.Equal("固定电话应为区号加7至8位号码，例如 0571-88886666", error);
    }

    [Theory]
    [InlineData("88886666")] // local number without area code
    [InlineData("+8613800138000")]
    [InlineData("abc")]
    public void Rejects_numbers_that_are_neither(string text)
    {
        Assert.False(PhoneNumber.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Rejects_missing_number(string? text)
    {
        Assert.False(PhoneNumber.TryParse(text, out _, out var error));
        Assert.Equal("请填写联系电话", error);
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("0571-88886666", "0571-******66")]
    [InlineData("0216543210", "021-*****10")]
    public void Masks_numbers(string text, string masked)
    {
        var phone = PhoneNumber.Parse(text);

        Assert.Equal(masked, phone.Masked);
        Assert.Equal(masked, phone.ToString());
        Assert.Equal($"call {masked}", $"call {phone}");
    }

    [Fact]
    public void Parse_throws_FormatException_with_the_clerk_message()
    {
        var ex = Assert.Throws<FormatException>(() => PhoneNumber.Parse("12345678901"));
        Assert.Equal("手机号号段不正确", ex.Message);
    }
}
