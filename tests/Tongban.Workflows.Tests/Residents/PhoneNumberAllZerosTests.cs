using Tongban.Workflows.Residents;

namespace Tongban.Workflows.Tests.Residents;

public class PhoneNumberAllZerosTests
{
    [Theory]
    [InlineData("00000000000")]
    [InlineData("0000-0000000")]
    [InlineData("000-00000000")]
    [InlineData("0571-0000000")]
    [InlineData("0000-88886666")]
    public void Refuses_an_all_zero_area_code_or_local_number(string text)
    {
        Assert.False(PhoneNumber.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Still_accepts_a_local_number_with_some_zeros()
    {
        Assert.True(PhoneNumber.TryParse("010-10000000", out var phone, out _));
        Assert.Equal("010-10000000", phone.Value);
    }
}
