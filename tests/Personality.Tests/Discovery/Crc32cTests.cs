using System.Text;
using Personality.Discovery;
using Xunit;

namespace Personality.Tests.Discovery;

public sealed class Crc32cTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xE3069283u)] // the published CRC-32C check value
    [InlineData("a", 0xC1D04330u)]
    public void Matches_the_reference_values(string text, uint expected) =>
        Assert.Equal(expected, Crc32c.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Piecewise_update_equals_one_pass()
    {
        var data = Encoding.ASCII.GetBytes("superblock checksum in pieces");
        var piecewise = ~Crc32c.Update(Crc32c.Update(~0u, data.AsSpan(0, 10)), data.AsSpan(10));
        Assert.Equal(Crc32c.Compute(data), piecewise);
    }
}
