using Personality.Core;
using Xunit;

namespace Personality.Tests.Core;

public class GuestPathTests
{
    [Theory]
    [InlineData("/var//log/", "/var/log")]
    [InlineData("/", "/")]
    public void Normalises(string text, string expected)
    {
        Assert.True(GuestPath.TryNormalise(text, out var n, out _));
        Assert.Equal(expected, n);
    }

    [Theory]
    [InlineData("var/log")] [InlineData("/var/../etc")] [InlineData("/var/./log")] [InlineData("")]
    public void Refuses(string text) => Assert.False(GuestPath.TryNormalise(text, out _, out _));

    [Fact]
    public void Ancestry()
    {
        Assert.True(GuestPath.IsBelow("/var/log/audit", "/var/log"));
        Assert.False(GuestPath.IsBelow("/var/logs", "/var/log"));
        Assert.False(GuestPath.IsBelow("/var/log", "/var/log"));
        Assert.True(GuestPath.IsAtOrBelow("/x", "/"));
    }
}
