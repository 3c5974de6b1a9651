using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

public class PersonNameTests
{
    [Theory]
    [InlineData("张三")]
    [InlineData(" 欧阳 娜娜 ")]
    [InlineData("买买提·艾力")]
    public void Accepts_visible_names_trimmed(string text)
    {
        Assert.True(PersonName.TryParse(text, 50, out var name, out var error));
        Assert.Null(error);
        Assert.Equal(text.Trim(), name);
    }

    [Theory]
    [InlineData("张\u0000三")]
    [InlineData("张\n三")]
    [InlineData("张\t三")]
    [InlineData("张\u007F三")]
    [InlineData("张\u200B三")]
    [InlineData("张\u200F三")]
    [InlineData("张\u2060三")]
    [InlineData("张\uFEFF三")]
    [InlineData("张\u202A三")]
    [InlineData("张\u202E三")]
    [InlineData("张\u2066三")]
    [InlineData("张\u2069三")]
    public void Refuses_control_zero_width_and_direction_characters(string text)
    {
        Assert.False(PersonName.TryParse(text, 50, out _, out var error));
        Assert.Equal("姓名不能含有控制字符、零宽字符或文字方向控制符。", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Refuses_a_missing_name(string? text) => Assert.False(PersonName.TryParse(text, 50, out _, out _));

    [Fact]
    public void Refuses_a_name_longer_than_the_maximum() => Assert.False(PersonName.TryParse(new string('张', 51), 50, out _, out _));

    [Fact]
    public void Multi_line_texts_may_keep_line_breaks_and_tabs_but_nothing_else_hidden()
    {
        Assert.False(PersonName.HasHiddenCharacters("第一行\r\n\t第二行", allowLineBreaks: true));
        Assert.True(PersonName.HasHiddenCharacters("第一行\r\n第二行", allowLineBreaks: false));
        Assert.True(PersonName.HasHiddenCharacters("第一行\u202E\n第二行", allowLineBreaks: true));
    }
}
