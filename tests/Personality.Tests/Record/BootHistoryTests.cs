using Personality.Core;
using Personality.Record;
using Personality.Record.History;

namespace Personality.Tests.Record;

/// <summary>The history file: bounded to the last 20 boots, a role change named against the boot before, a damaged file survived.</summary>
public class BootHistoryTests
{
    private static RunRecord Boot(string? personality, int minute)
    {
        var r = new RunRecord("boot", new TargetRoot("/"), new DateTimeOffset(2026, 11, 30, 3, minute, 0, TimeSpan.Zero)) { Personality = personality, TotalMilliseconds = 12.34 };
        r.Volumes.Add(new VolumeRecord("state", "st", "/dev/vdb", "u-1", "ext4", 1, "/var/lib/stateless/state"));
        return r;
    }

    [Fact]
    public void KeepsTheLastTwentyBootsAndNamesRoleChanges()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path + "/state");
        for (var i = 0; i < 25; i++) BootHistory.Append(new TargetRoot(dir.Path), "/state", Boot(i < 23 ? "web" : "db", i));

        var boots = BootHistory.Read(dir.Path + "/state" + BootHistory.RelativePath);

        Assert.Equal(BootHistory.MaxEntries, boots.Count);
        Assert.Equal("2026-11-30T03:05:00.000Z", boots[0].StartedAt);
        Assert.Equal("web", boots[^3].Personality);
        Assert.Equal("web", boots[^2].RoleChangedFrom);
        Assert.Null(boots[^1].RoleChangedFrom);
        Assert.Equal(new HistoryVolume("state", "st", "u-1"), Assert.Single(boots[^1].Volumes));
        Assert.Equal(12.3, boots[^1].DurationMs);
    }

    [Fact]
    public void AHistoryDirectoryThatIsASymlinkOnTheStateVolumeIsNotWrittenThrough()
    {
        using var dir = new TempDir();
        using var outside = new TempDir();
        Directory.CreateDirectory(dir.Path + "/state");
        File.CreateSymbolicLink(dir.Path + "/state/.personality", outside.Path);

        Assert.ThrowsAny<IOException>(() => BootHistory.Append(new TargetRoot(dir.Path), "/state", Boot("web", 1)));

        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
    }

    [Fact]
    public void ADamagedFileIsReplacedNotFatal()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path + "/state/.personality");
        File.WriteAllText(dir.Path + "/state" + BootHistory.RelativePath, "{not json");

        BootHistory.Append(new TargetRoot(dir.Path), "/state", Boot(null, 1));

        var boot = Assert.Single(BootHistory.Read(dir.Path + "/state" + BootHistory.RelativePath));
        Assert.Null(boot.Personality);
        Assert.Null(boot.RoleChangedFrom);
    }
}
