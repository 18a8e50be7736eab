using Personality.Fleet;

namespace Personality.Tests.Fleet;

public class SizeTests
{
    [Theory]
    [InlineData("64M", 64L << 20, "64M")]
    [InlineData("1G", 1L << 30, "1G")]
    [InlineData("512K", 512L << 10, "512K")]
    [InlineData("1536K", 1536L << 10, "1536K")]
    [InlineData("64MiB", 64L << 20, "64M")]
    [InlineData("2g", 2L << 30, "2G")]
    [InlineData("1T", 1L << 40, "1T")]
    public void Parses_binary_units(string text, long bytes, string shown)
    {
        var size = Size.Parse(text, out var problem);
        Assert.Equal("", problem);
        Assert.Equal(bytes, size!.Value.Bytes);
        Assert.Equal(shown, size.Value.ToString());
    }

    [Theory]
    [InlineData("64", "'64' has no unit K, M, G or T")]
    [InlineData("64X", "'64X' has no unit K, M, G or T")]
    [InlineData("M", "'M' is not a size")]
    [InlineData("-1M", "'-1M' is not a size")]
    [InlineData("1.5G", "'1.5G' has no unit K, M, G or T")]
    [InlineData("0M", "'0M' is zero")]
    [InlineData("2T", "'2T' is more than 1T")]
    [InlineData("99999999999999999999K", "'99999999999999999999K' is more than 1T")]
    public void Refuses_what_is_not_a_size(string text, string expected)
    {
        Assert.Null(Size.Parse(text, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Rounds_up_to_the_units_libvirt_and_xl_count_in()
    {
        var size = new Size(1536L << 10);
        Assert.Equal(1536, size.KiB);
        Assert.Equal(2, size.MiB);
    }
}
