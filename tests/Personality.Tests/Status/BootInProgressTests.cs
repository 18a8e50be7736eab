using Personality.Record;
using Personality.Core;
using Personality.Status;

namespace Personality.Tests.Status;

public class BootInProgressTests
{
    [Fact]
    public void MarkWritesThisPidAndClearRemovesIt()
    {
        using var tree = new TempDir();
        var root = new TargetRoot(tree.Path);
        Assert.Null(BootInProgress.RunningPid(root));
        Assert.True(BootInProgress.Mark(root));
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(Path.Combine(tree.Path, "var/run/personality/boot.pid")));
        Assert.Equal(Environment.ProcessId, BootInProgress.RunningPid(root));
        BootInProgress.Clear(root);
        Assert.False(File.Exists(Path.Combine(tree.Path, "var/run/personality/boot.pid")));
    }

    [Fact]
    public void ClearLeavesAnotherProcesssMarker()
    {
        using var tree = new TempDir();
        var file = tree.Write("var/run/personality/boot.pid", "1\n");
        BootInProgress.Clear(new TargetRoot(tree.Path));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void MarkFailsQuietlyWhereNothingCanBeWritten()
    {
        using var tree = new TempDir();
        tree.Write("var/run", "a file where a directory should be");
        Assert.False(BootInProgress.Mark(new TargetRoot(tree.Path)));
    }

    [Theory]
    [InlineData("42 (personality) S 1 42", true)]
    [InlineData("42 (odd) name) R 1 42", true)]
    [InlineData("42 (sleep) Z 1 42", false)]
    [InlineData("42 (sleep) X 1 42", false)]
    public void ZombiesAreNotAlive(string stat, bool alive)
    {
        using var proc = new TempDir();
        proc.Write("42/stat", stat + "\n");
        Assert.Equal(alive, BootInProgress.IsAlive(42, proc.Path));
        Assert.False(BootInProgress.IsAlive(43, proc.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("999999999")]
    public void AStaleOrGarbledMarkerIsNoBoot(string content)
    {
        using var tree = new TempDir();
        tree.Write("var/run/personality/boot.pid", content);
        Assert.Null(BootInProgress.RunningPid(new TargetRoot(tree.Path)));
    }
}
