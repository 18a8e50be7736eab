using System.Diagnostics;
using Moq;
using Personality.Core;
using Personality.Discovery;
using Personality.Pipeline;
using Personality.Settings;
using Personality.Stages;
using Personality.Steps;

namespace Personality.Tests.Plan;

public class RwtabStageTests
{
    private static RunContext Context(TempDir tree, Diagnostics diagnostics)
    {
        var root = new TargetRoot(tree.Path);
        var devices = new Mock<IBlockDeviceSource>();
        devices.Setup(d => d.Enumerate()).Returns([]);
        var discovery = new VolumeDiscovery(devices.Object, Mock.Of<ISuperblockReader>(),
            new DiscoveryOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), new Dictionary<string, string>()), Stopwatch.StartNew());
        var settings = BootSettings.From(SettingsLoader.Load(root, "readonlyroot", diagnostics), diagnostics);
        return new RunContext(root, settings, discovery, diagnostics)
        {
            ScratchReady = new SkippedStep(StageName.Scratch, StepKind.Mount, "/x", Origin.Of("test"), "test"),
        };
    }

    private static IReadOnlyList<Step> Plan(RunContext run) => new RwtabStage().Plan(run);

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
        var steps = Plan(Context(tree, d));

        Assert.Empty(d.All);
        Assert.Equal(
            ["copy /var/log", "copy /var/log/audit/audit.log", "copy /var/lib/dhclient", "copy /var/lib/dhclient",
             "copy /var/lib/missing", "bind /var/log", "bind /var/lib/dhclient"],
            steps.Select(s => $"{s.Action} {(s is CopyStep c ? c.From : s.Target)}"));
        var missing = Assert.IsType<SkippedStep>(steps[4]);
        Assert.Equal("/etc/rwtab.d/extra:1:7", missing.Origin.ToString());
        var bind = Assert.IsType<BindStep>(steps[5]);
        Assert.Equal("/var/lib/stateless/writable/var/log", bind.Source);
        Assert.Equal(bind.Target, ((CopyStep)steps[1]).ShownAt);
        Assert.Same(steps[0], Assert.Single(bind.DependsOn));
        Assert.Equal("/etc/rwtab:3:7", steps[6].Origin.ToString());
    }

    [Fact]
    public void APathThatIsNotUtf8IsCopiedAndBoundByItsBytes()
    {
        // Red Hat's shell reads the line as bytes and binds the directory; it must not become "caf\uFFFD", which does not exist.
        using var tree = new TempDir();
        tree.Dir("var/lib");
        Personality.Native.FileCalls.Mkdir(Personality.Native.PathBytes.Decode([.. System.Text.Encoding.UTF8.GetBytes(tree.Path), .. "/var/lib/caf"u8, 0xE9]), 0x1ED);
        File.WriteAllBytes(tree.Write("etc/rwtab", ""), [.. "files /var/lib/caf"u8, 0xE9, .. "\n"u8]);
        var d = new Diagnostics();
        var steps = Plan(Context(tree, d));

        Assert.Empty(d.All);
        Assert.Equal(["copy /var/lib/caf\uDCE9", "bind /var/lib/caf\uDCE9"], steps.Select(s => $"{s.Action} {(s is CopyStep c ? c.From : s.Target)}"));
        Assert.IsType<CopyStep>(steps[0]);
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

        var steps = Plan(Context(tree, d));

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

        var steps = Plan(Context(tree, d));

        Assert.Empty(steps);
        Assert.Contains("overlaps the scratch area", Assert.Single(d.All).Message);
    }
}
