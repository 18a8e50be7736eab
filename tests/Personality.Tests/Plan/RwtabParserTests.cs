using Personality.Core;
using Personality.Plan.Tables;
using Xunit;

namespace Personality.Tests.Plan;

public class RwtabParserTests
{
    private static (IReadOnlyList<RwtabEntry>, Diagnostics) Parse(string text)
    {
        var d = new Diagnostics();
        return (RwtabParser.Parse(text, "/etc/rwtab", d), d);
    }

    [Theory]
    [InlineData("rwtab.fedora", 46)]
    [InlineData("rwtab.el6", 45)]
    [InlineData("rwtab.el5", 36)]
    public void ParsesTheStockFilesWithoutComplaint(string file, int entries)
    {
        var (e, d) = Parse(File.ReadAllText(SharedData.Path(file)));
        Assert.Empty(d.All);
        Assert.Equal(entries, e.Count);
    }

    [Fact]
    public void KeepsKindPathAndOrigin()
    {
        var (e, _) = Parse("# comment\n\ndirs\t/var/log\nempty /var/lib/chrony  \nfiles\t /etc/a//b/\n");
        Assert.Equal(
            [new RwtabEntry(RwtabKind.Dirs, "/var/log", new Origin("/etc/rwtab", 3, 6)),
             new RwtabEntry(RwtabKind.Empty, "/var/lib/chrony", new Origin("/etc/rwtab", 4, 7)),
             new RwtabEntry(RwtabKind.Files, "/etc/a/b", new Origin("/etc/rwtab", 5, 8))], e);
    }

    [Theory]
    [InlineData("emtpy /tmp", 1, "unknown rwtab type 'emtpy'", "did you mean 'empty'?")]
    [InlineData("bind /tmp", 1, "unknown rwtab type 'bind'", "the type must be empty, dirs or files")]
    [InlineData("dirs", 5, "has no path", "write 'dirs /absolute/path'")]
    [InlineData("  files var/log", 9, "relative path", null)]
    [InlineData("files /var/../etc", 7, "contains '..'", null)]
    public void BadLinesAreWarningsWithPositionAndTheRestStays(string line, int column, string message, string? hint)
    {
        var (e, d) = Parse("empty /tmp\n" + line + "\ndirs /var/log\n");
        Assert.Equal(["/tmp", "/var/log"], e.Select(x => x.Path));
        var w = Assert.Single(d.All);
        Assert.Equal(Severity.Warning, w.Severity);
        Assert.Contains(message, w.Message);
        Assert.Equal(new Origin("/etc/rwtab", 2, column), w.Origin);
        if (hint is not null) Assert.Equal(hint, w.Hint);
    }
}
