using Microsoft.Extensions.Logging;
using Personality.Core;
using Personality.Record.Logging;

namespace Personality.Tests.Record.Logging;

public class BootLoggerTests
{
    private const string Timestamp = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ";

    private static TempDir NewTree()
    {
        var tree = new TempDir();
        tree.Write("dev/kmsg", ""); // a regular file: keeps what the kernel would have logged
        tree.Dir("var/log");
        return tree;
    }

    private static string[] Read(TempDir tree, string guestPath) =>
        File.ReadAllText(Path.Combine(tree.Path, guestPath.TrimStart('/'))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void EachLineGoesToKmsgAtOnceWithItsPriorityAndToTheLogFileOnFlush()
    {
        using var tree = NewTree();
        var root = new TargetRoot(tree.Path);
        using (var log = new BootLogger(root, debug: false))
        {
            log.Logger.LogError("e");
            log.Logger.LogWarning("w");
            log.Logger.LogInformation("i");
            log.Logger.LogDebug("d");
            Assert.Equal(["<3>personality: e", "<4>personality: w", "<6>personality: i"], Read(tree, "/dev/kmsg"));
            Assert.False(File.Exists(Path.Combine(tree.Path, "var/log/personality.log")));
            Assert.True(log.Flush(root, out var problem), problem);
        }
        var lines = Read(tree, LogFileLoggerProvider.LogFile);
        Assert.Equal(3, lines.Length);
        Assert.Matches(Timestamp + "error: e$", lines[0]);
        Assert.Matches(Timestamp + "warning: w$", lines[1]);
        Assert.Matches(Timestamp + "info: i$", lines[2]);
    }

    [Fact]
    public void DebugLinesOnlyWithDebug()
    {
        using var tree = NewTree();
        var root = new TargetRoot(tree.Path);
        using (var log = new BootLogger(root, debug: true))
        {
            Assert.True(log.Logger.IsEnabled(LogLevel.Debug));
            log.Logger.LogDebug("d");
            Assert.True(log.Flush(root, out _));
        }
        Assert.Equal(["<7>personality: d"], Read(tree, "/dev/kmsg"));
        Assert.Matches(Timestamp + "debug: d$", Read(tree, LogFileLoggerProvider.LogFile).Single());
    }

    [Fact]
    public void WithoutKmsgTheLogFileStillGetsEverything()
    {
        using var tree = new TempDir();
        tree.Dir("var/log");
        var root = new TargetRoot(tree.Path);
        using var log = new BootLogger(root, debug: false);
        log.Logger.LogInformation("i");
        Assert.True(log.Flush(root, out _));
        Assert.Matches(Timestamp + "info: i$", Read(tree, LogFileLoggerProvider.LogFile).Single());
    }

    [Fact]
    public void FlushReportsALogDirectoryThatIsNotWritable()
    {
        using var tree = new TempDir();
        tree.Write("var/log", "a file where a directory should be");
        var root = new TargetRoot(tree.Path);
        using var log = new BootLogger(root, debug: false);
        log.Logger.LogInformation("i");
        Assert.False(log.Flush(root, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void HookLinesAreNamedAfterTheHook()
    {
        using var tree = NewTree();
        var root = new TargetRoot(tree.Path);
        using (var log = new BootLogger(root, debug: false))
        {
            log.Logger.HookOutputTruncated("/etc/personality/hooks/10-a.sh", 40000, 32768);
            log.Logger.HookOutput("/etc/personality/hooks/10-a.sh", "warming up");
        }
        Assert.Equal(["<6>personality: hook /etc/personality/hooks/10-a.sh: ... (40000 bytes of output, the last 32768 kept)",
                      "<6>personality: hook /etc/personality/hooks/10-a.sh: warming up"], Read(tree, "/dev/kmsg"));
    }
}
