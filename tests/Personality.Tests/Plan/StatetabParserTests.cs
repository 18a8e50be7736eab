using Personality.Core;
using Personality.Plan.Tables;
using Xunit;

namespace Personality.Tests.Plan;

public class StatetabParserTests
{
    [Fact]
    public void EveryWordIsAPathAsInRedHat()
    {
        var d = new Diagnostics();
        var e = StatetabParser.Parse("# keys\n/etc/ssh\n  /var/lib/a /var/lib/b\n   # indented comment\n/var/lib/c # note\n", "/etc/statetab", d);
        Assert.Empty(d.All);
        Assert.Equal(["/etc/ssh", "/var/lib/a", "/var/lib/b", "/var/lib/c"], e.Select(x => x.Path));
        Assert.Equal(new Origin("/etc/statetab", 3, 14), e[2].Origin);
    }

    [Theory]
    [InlineData("var/lib/x", "relative path")]
    [InlineData("/var/lib/../x", "contains '..'")]
    [InlineData("/", "root directory")]
    public void BadPathsAreWarnings(string word, string message)
    {
        var d = new Diagnostics();
        var e = StatetabParser.Parse($"/ok\n  {word}\n", "/etc/statetab.d/app", d);
        Assert.Equal(["/ok"], e.Select(x => x.Path));
        var w = Assert.Single(d.All);
        Assert.Contains(message, w.Message);
        Assert.Equal(new Origin("/etc/statetab.d/app", 2, 3), w.Origin);
    }
}
