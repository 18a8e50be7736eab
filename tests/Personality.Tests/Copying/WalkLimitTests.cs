using Personality.Apply.Copying;
using Xunit;

namespace Personality.Tests.Copying;

public sealed class WalkLimitTests
{
    [Fact]
    public void CountsUpToTheBoundAndStopsPastItNamingTheDirectory()
    {
        var visited = 0;
        WalkLimit.Count(ref visited, WalkLimit.MaxEntries - 1, "/a");
        WalkLimit.Count(ref visited, 1, "/a/b");
        Assert.Equal(WalkLimit.MaxEntries, visited);
        var e = Assert.Throws<IOException>(() => WalkLimit.Count(ref visited, 1, "/a/b/c"));
        Assert.Contains("/a/b/c", e.Message);
        Assert.Contains(WalkLimit.MaxEntries.ToString(), e.Message);
    }
}
