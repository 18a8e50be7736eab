using Microsoft.Extensions.Logging;
using Personality.Core;
using Personality.Record.Logging;

namespace Personality.Tests.Record.Logging;

public class LogFileLoggerProviderTests
{
    private static string[] Flushed(LogFileLoggerProvider provider)
    {
        using var tree = new TempDir();
        tree.Dir("var/log");
        Assert.True(provider.Flush(new TargetRoot(tree.Path), out var problem), problem);
        return File.ReadAllLines(Path.Combine(tree.Path, "var/log/personality.log"));
    }

    [Fact]
    public void PastTheLineLimitLaterLinesAreDroppedAndOneMarkerCountsThem()
    {
        using var provider = new LogFileLoggerProvider(maxBytes: 1 << 20, maxLines: 3);
        var logger = provider.CreateLogger("personality");
        for (var i = 1; i <= 5; i++) logger.LogInformation("line {N}", i);
        var lines = Flushed(provider);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith(" info: line 1", lines[0]);
        Assert.EndsWith(" info: line 3", lines[2]);
        Assert.Contains(" warning: ... 2 lines dropped ", lines[3]);
    }

    [Fact]
    public void PastTheByteLimitLaterLinesAreDroppedEvenWhenAShorterOneWouldFit()
    {
        using var provider = new LogFileLoggerProvider(maxBytes: 100, maxLines: 1000);
        var logger = provider.CreateLogger("personality");
        logger.LogInformation("{Text}", new string('a', 40)); // 25 + 6 + 40 + 1 bytes
        logger.LogInformation("{Text}", new string('b', 40)); // would pass 100
        logger.LogInformation("c");                            // would fit, but comes after a drop
        var lines = Flushed(provider);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(new string('a', 40), lines[0]);
        Assert.Contains("... 2 lines dropped", lines[1]);
    }

    [Fact]
    public void ASecondFlushAppendsOnlyWhatCameAfterTheFirst()
    {
        using var tree = new TempDir();
        tree.Dir("var/log");
        var root = new TargetRoot(tree.Path);
        using var provider = new LogFileLoggerProvider();
        var logger = provider.CreateLogger("personality");
        logger.LogInformation("first");
        Assert.True(provider.Flush(root, out _));
        logger.LogInformation("second");
        Assert.True(provider.Flush(root, out _));
        var lines = File.ReadAllLines(Path.Combine(tree.Path, "var/log/personality.log"));
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(" info: first", lines[0]);
        Assert.EndsWith(" info: second", lines[1]);
    }
}
