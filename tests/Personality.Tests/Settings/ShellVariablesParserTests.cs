using Personality.Core;
using Personality.Settings;
using Xunit;

namespace Personality.Tests.Settings;

public class ShellVariablesParserTests
{
    private static (IReadOnlyList<ShellAssignment>, Diagnostics) Parse(string text)
    {
        var d = new Diagnostics();
        return (ShellVariablesParser.Parse(text, "/etc/sysconfig/x", d), d);
    }

    [Fact]
    public void ReadsThePlainQuotedAndExportedForms()
    {
        var (a, d) = Parse("# c\nA=1\n  export B=\"two words\"\nC='x y' # trailing\nD=\nE=a\\ b\n");
        Assert.Empty(d.All);
        Assert.Equal(["A=1", "B=two words", "C=x y", "D=", "E=a b"], a.Select(x => $"{x.Key}={x.Value}"));
        Assert.Equal(new Origin("/etc/sysconfig/x", 3, 10), a[1].Origin);
    }

    [Theory]
    [InlineData("READONLY = yes", 1, "not a KEY=VALUE")]
    [InlineData("X=\"open", 3, "unterminated quote")]
    [InlineData("X=$(reboot)", 3, "not evaluated")]
    [InlineData("X=\"$HOME\"", 4, "not evaluated")]
    [InlineData("X=a b", 5, "unexpected text")]
    [InlineData("1X=a", 1, "not a KEY=VALUE")]
    public void ReportsBadLinesWithLineAndColumn(string line, int column, string message)
    {
        var (a, d) = Parse("A=1\n" + line + "\n");
        Assert.Single(a);
        var warning = Assert.Single(d.All);
        Assert.Contains(message, warning.Message);
        Assert.Equal(new Origin("/etc/sysconfig/x", 2, column), warning.Origin);
        Assert.NotNull(warning.Hint);
    }

    [Fact]
    public void ReadsTheStockEl6File()
    {
        var text = File.ReadAllText(SharedData.Path("sysconfig-readonly-root.el6"));
        var (a, d) = Parse(text);
        Assert.Empty(d.All);
        Assert.Equal(8, a.Count);
        Assert.Contains(a, x => x.Key == "STATE_MOUNT" && x.Value == "/var/lib/stateless/state");
    }
}
