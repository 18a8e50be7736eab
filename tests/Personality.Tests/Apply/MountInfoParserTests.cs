using Personality.Apply.Mounts;
using Xunit;

namespace Personality.Tests.Apply;

public class MountInfoParserTests
{
    private const string Sample =
        "22 1 0:21 / /proc rw,nosuid - proc proc rw\n" +
        "30 22 8:1 / /mnt/my\\040disk rw,relatime shared:1 master:2 - ext4 /dev/sda1 rw\n" +
        "31 30 0:40 /var/log /root/var/log rw - tmpfs none rw\n" +
        "32 30 0:40 /var/log /root/var/log rw - tmpfs none rw\n";

    [Fact]
    public void ParsesFieldsAndUnescapesPaths()
    {
        var m = MountInfoParser.Parse(Sample);
        Assert.Equal(4, m.Count);
        Assert.Equal(new MountInfo(30, 22, "8:1", "/", "/mnt/my disk", "ext4", "/dev/sda1", "rw,relatime"), m[1]);
    }

    [Fact]
    public void BindSourceIsRecognisedByDeviceAndRoot()
    {
        using var dir = new TempDir();
        var file = dir.Write("mountinfo",
            "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n" +
            "2 1 0:40 / /scratch rw - tmpfs none rw\n" +
            "3 1 0:40 /var/log /var/log rw - tmpfs none rw\n");
        var table = new MountTable(file);
        Assert.True(table.IsBoundFrom("/var/log", "/scratch/var/log"));
        Assert.False(table.IsBoundFrom("/var/log", "/scratch/var/tmp"));
        Assert.False(table.IsBoundFrom("/var/tmp", "/scratch/var/tmp"));
        Assert.Equal("/scratch", table.Containing("/scratch/a/b")!.MountPoint);
        Assert.Equal("/", table.Containing("/etc")!.MountPoint);
    }
}
