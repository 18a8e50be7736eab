using Personality.Core;
using Personality.Record;

namespace Personality.Tests.Record;

public class ConsoleSummaryTests
{
    [Fact]
    public void ManyProblemsStayShortErrorsFirst()
    {
        var record = new RunRecord("boot", new TargetRoot("/tmp"), DateTimeOffset.UnixEpoch);
        for (var i = 1; i <= 14; i++) record.Diagnostics.Warn($"warning {i}", new Origin("/etc/rwtab", i, 1));
        record.Diagnostics.Error("the error", Origin.Of("/etc/statetab"));
        var output = new StringWriter();

        ConsoleSummary.Write(output, record, null);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.StartsWith("personality: failed", lines[0]);
        Assert.Equal("  error   /etc/statetab: the error", lines[1]);
        Assert.Equal(ConsoleSummary.MaxProblems, lines.Count(l => l.StartsWith("  error ") || l.StartsWith("  warning ")));
        Assert.Equal("  ... 5 more problems: personality status -v", lines[^1]);
    }
}
