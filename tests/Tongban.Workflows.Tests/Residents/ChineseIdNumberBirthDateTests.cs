using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

public class ChineseIdNumberBirthDateTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("110105202611280012")] // tomorrow
    [InlineData("11010520300101001X")]
    public void Refuses_a_birth_date_after_today(string text)
    {
        Assert.False(ChineseIdNumber.TryParse(text, out _, out var error, Today));
        Assert.Equal("身份证号中的出生日期无效", error);
    }

    [Fact]
    public void Accepts_a_birth_date_of_today_and_of_1900()
    {
        Assert.True(ChineseIdNumber.TryParse("110105202611270017", out _, out _, Today));
        Assert.True(ChineseIdNumber.TryParse("11010519000101001X", out _, out _, Today));
    }

    [Fact]
    public void Refuses_a_birth_date_before_1900()
    {
        Assert.False(ChineseIdNumber.TryParse("110105189912310015", out _, out var error, Today));
        Assert.Equal("身份证号中的出生日期无效", error);
    }

    [Fact]
    public void Without_today_only_the_format_range_is_checked()
    {
        Assert.True(ChineseIdNumber.TryParse("11010520300101001X", out _, out _));
        Assert.Throws<FormatException>(() => ChineseIdNumber.Parse("11010520300101001X", Today));
    }
}
