using System.Diagnostics;
using Moq;
using Personality.Apply.Steps;
using Personality.Core;
using Personality.Discovery;
using Personality.Plan;
using Personality.Plan.ReadOnlyRoot;
using Personality.Settings;

namespace Personality.Tests.Plan;

public class RwtabPlannerTests
{
    private static PlanContext Context(TempDir tree, Diagnostics diagnostics)
    {
        var root = new TargetRoot(tree.Path);
        var devices = new Mock<IBlockDeviceSource>();
        devices.Setup(d => d.Enumerate()).Returns([]);
        var discovery = new VolumeDiscovery(devices.Object, Mock.Of<ISuperblockReader>(),
            new DiscoveryOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), new Dictionary<string, string>()), Stopwatch.StartNew());
        return new PlanContext(root, SettingsLoader.Load(root, "readonlyroot", diagnostics), discovery, diagnostics);
    }

    [Fact]
    public void CopiesEveryEntryButBindsOnlyOutermostDistinctPaths()
    {
        using var tree = new TempDir();
        tree.Write("var/log/audit/audit.log", "a");
        tree.Write("var/log/messages", "m");
        tree.Dir("var/lib/dhclient");
        tree.Write("etc/rwtab", "dirs /var/log\nfiles /var/log/audit/audit.log\nempty /var/lib/dhclient\nempty /var/lib/dhclient\n");
        tree.Write("etc/rwtab.d/extra", "empty /var/lib/missing\n");
        var d = new Diagnostics();
        var scratchReady = new Skipped("scratch", "mount", "/x", Origin.Of("test"), "test");

        var steps = RwtabPlanner.Plan(Context(tree, d), scratchReady);

        Assert.Empty(d.All);
        Assert.Equal(
            ["copy /var/log", "copy /var/log/audit/audit.log", "copy /var/lib/dhclient", "copy /var/lib/dhclient",
             "copy /var/lib/missing", "bind /var/log", "bind /var/lib/dhclient"],
            steps.Select(s => $"{s.Action} {(s is CopyStep c ? c.GuestPath : s.Target)}"));
        var missing = Assert.IsType<Skipped>(steps[4]);
        Assert.Equal("/etc/rwtab.d/extra:1:7", missing.Origin.ToString());
        var bind = Assert.IsType<BindStep>(steps[5]);
        Assert.Equal("/var/lib/stateless/writable/var/log", bind.Source);
        Assert.Same(bind, ((CopyStep)steps[1]).ShownBy);
        Assert.Equal("/etc/rwtab:3:7", steps[6].Origin.ToString());
    }

    [Fact]
    public void SymlinkEntryIsResolvedInsideTheRootAndSaysSo()
    {
        using var tree = new TempDir();
        tree.Write("run/resolv.conf", "nameserver 10.0.0.1\n");
        tree.Dir("etc");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "etc/resolv.conf"), "../run/resolv.conf");
        tree.Write("etc/rwtab", "files /etc/resolv.conf\n");
        var d = new Diagnostics();

        var steps = RwtabPlanner.Plan(Context(tree, d), new Skipped("scratch", "mount", "/x", Origin.Of("t"), "t"));

        var bind = Assert.IsType<BindStep>(steps[^1]);
        Assert.Equal("/run/resolv.conf", bind.Target);
        Assert.Equal("followed symlink /etc/resolv.conf -> /run/resolv.conf", bind.Note);
    }

    [Fact]
    public void AnEntryCoveringTheScratchAreaIsRefused()
    {
        using var tree = new TempDir();
        tree.Dir("var/lib/stateless/writable");
        tree.Write("etc/rwtab", "dirs /var/lib\n");
        var d = new Diagnostics();

        var steps = RwtabPlanner.Plan(Context(tree, d), new Skipped("scratch", "mount", "/x", Origin.Of("t"), "t"));

        Assert.Empty(steps);
        Assert.Contains("overlaps the scratch area", Assert.Single(d.All).Message);
    }
}
