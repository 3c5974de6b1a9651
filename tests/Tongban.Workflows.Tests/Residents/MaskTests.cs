using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

public class MaskTests
{
    [Theory]
    [InlineData("abcdefgh", 2, 3, "ab***fgh")]
    [InlineData("abcdefgh", 0, 2, "******gh")]
    [InlineData("abcdefgh", 4, 4, "********")] // nothing would be hidden: hide all
    [InlineData("abc", 2, 2, "***")]
    [InlineData("", 1, 1, "")]
    public void Keeps_ends_and_hides_the_middle(string value, int head, int tail, string expected)
    {
        Assert.Equal(expected, Mask.KeepEnds(value, head, tail));
    }
}
