using Personality.Apply.Mounts;
using Personality.Core;
using Personality.Items.Services;
using Personality.Status;

namespace Personality.Tests.Status;

public class ServiceDriftCheckTests
{
    /// <summary>A tree with init scripts httpd and cups, httpd on at 3 4 5, cups off everywhere.</summary>
    private static TempDir Tree()
    {
        var tree = new TempDir();
        tree.Write("etc/rc.d/init.d/httpd", "#!/bin/sh\n# chkconfig: - 85 15\n# description: web\n");
        tree.Write("etc/rc.d/init.d/cups", "#!/bin/sh\n# chkconfig: 2345 56 10\n# description: print\n");
        for (var level = 0; level <= 6; level++)
        {
            var dir = tree.Dir($"etc/rc.d/rc{level}.d");
            var on = level is 3 or 4 or 5;
            File.CreateSymbolicLink(Path.Combine(dir, on ? "S85httpd" : "K15httpd"), "../init.d/httpd");
            File.CreateSymbolicLink(Path.Combine(dir, "K10cups"), "../init.d/cups");
        }
        return tree;
    }

    private static IReadOnlyList<Drift> Check(TempDir tree, RecordText record)
    {
        var mountinfo = tree.Write("mountinfo", "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n");
        var context = new DriftContext(new TargetRoot(tree.Path), new MountTable(mountinfo), new BlockDevicePresence(tree.Dir("sys")));
        return new ServiceDriftCheck().Check(record.Parse(), context).ToList();
    }

    [Fact]
    public void ServicesAsRecordedAreNoDrift()
    {
        using var tree = Tree();
        Assert.Empty(Check(tree, new RecordText()
            .Step("services", "service-on", "httpd", detail: "levels 345")
            .Step("services", "service-off", "cups", result: "unchanged")));
    }

    [Fact]
    public void AServiceSwitchedBackSinceIsDriftNamingTheLevels()
    {
        using var tree = Tree();
        File.Delete(Path.Combine(tree.Path, "etc/rc.d/rc5.d/S85httpd"));
        File.CreateSymbolicLink(Path.Combine(tree.Path, "etc/rc.d/rc3.d/S56cups"), "../init.d/cups");
        var drift = Check(tree, new RecordText()
            .Step("services", "service-on", "httpd", detail: "levels 345; created /etc/rc.d/rc5.d/S85httpd", origin: "PERS_APP:personality.yaml:9:8")
            .Step("services", "service-off", "cups", origin: "PERS_APP:personality.yaml:10:9")
            .Step("services", "service-on", "failedsvc", result: "failed"));
        Assert.Equal(
        [
            new Drift("service", "httpd", "on at levels 345", "off at level 5", "PERS_APP:personality.yaml:9:8"),
            new Drift("service", "cups", "off at levels 2345", "on at level 3", "PERS_APP:personality.yaml:10:9"),
        ], drift);
    }

    [Theory]
    [InlineData("levels 345", "345")]
    [InlineData("created x; levels 2", "2")]
    [InlineData(null, "2345")]
    [InlineData("levels seven", "2345")]
    public void LevelsComeFromTheDetail(string? detail, string levels) => Assert.Equal(levels, ServiceDriftCheck.LevelsOf(detail));
}
