using Personality.Core;
using Personality.Services;

namespace Personality.Tests.Services;

/// <summary>Where the farm is found inside a root, and what is reported and written.</summary>
public class LayoutAndChangesTests
{
    [Fact]
    public void ChangesAreReportedAndASecondRunChangesNothing()
    {
        using var tree = new ServiceTree().Classic("sshd", "2345", 55, 25);
        var first = tree.Engine().Add("sshd");
        Assert.Equal(
            ["created /etc/rc.d/rc0.d/K25sshd", "created /etc/rc.d/rc1.d/K25sshd", "created /etc/rc.d/rc2.d/S55sshd", "created /etc/rc.d/rc3.d/S55sshd",
             "created /etc/rc.d/rc4.d/S55sshd", "created /etc/rc.d/rc5.d/S55sshd", "created /etc/rc.d/rc6.d/K25sshd"],
            first.Changes.Select(c => c.ToString()));
        Assert.All(first.Changes, c => Assert.Equal("../init.d/sshd", c.Detail));
        Assert.Empty(tree.Engine().Add("sshd").Changes);
        Assert.Empty(tree.Engine().Set("sshd", ServiceState.On).Changes);
        Assert.Empty(tree.Engine().Set("sshd", ServiceState.ResetPriorities).Changes);

        var off = tree.Engine().Set("sshd", ServiceState.Off, RunLevels.Parse("3"));
        Assert.Equal(["removed /etc/rc.d/rc3.d/S55sshd", "created /etc/rc.d/rc3.d/K25sshd"], off.Changes.Select(c => c.ToString()));
    }

    [Fact]
    public void DryRunComputesTheSameChangesAndWritesNothing()
    {
        using var tree = new ServiceTree().Lsb("a").Lsb("b", requiredStart: "a");
        var before = tree.Farm();
        var planned = tree.Engine(dryRun: true).Add("b");
        Assert.Equal(before, tree.Farm());
        var done = tree.Engine().Add("b");
        Assert.Equal(planned.Changes, done.Changes);
        Assert.NotEqual(before, tree.Farm());
    }

    [Fact]
    public void OnlyEtcRcNdAndEtcInitDLikeDebian()
    {
        using var dir = new TempDir();
        dir.Write("etc/init.d/sshd", "#!/bin/sh\n# chkconfig: 2345 55 25\n");
        for (var level = 0; level < 7; level++) dir.Dir($"etc/rc{level}.d");
        var root = new TargetRoot(dir.Path);
        var add = new ChkconfigEngine(root).Add("sshd");
        Assert.Equal(0, add.ExitCode);
        Assert.Equal("created /etc/rc0.d/K25sshd", add.Changes[0].ToString());
        Assert.Equal("../init.d/sshd", new FileInfo(Path.Combine(dir.Path, "etc/rc3.d/S55sshd")).LinkTarget);
        Assert.Equal(["/etc/rc0.d", "/etc/rc1.d", "/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d", "/etc/rc6.d"], ServiceBackends.LinkDirectories(root));
    }

    [Fact]
    public void AbsoluteLinksInTheTreeStayInsideIt()
    {
        // /etc/rc.d is an absolute link: followed inside the root, never to the host's /etc.
        using var dir = new TempDir();
        dir.Write("data/rc.d/init.d/sshd", "#!/bin/sh\n# chkconfig: 2345 55 25\n");
        for (var level = 0; level < 7; level++) dir.Dir($"data/rc.d/rc{level}.d");
        dir.Dir("etc");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "etc/rc.d"), "/data/rc.d");
        var root = new TargetRoot(dir.Path);
        Assert.Equal(0, new ChkconfigEngine(root).Add("sshd").ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "data/rc.d/rc3.d/S55sshd")));
        Assert.Equal("/data/rc.d/rc3.d", ServiceBackends.LinkDirectories(root)[3]);
    }

    [Fact]
    public void LinkDirectoriesAreTheResolvedExistingOnes()
    {
        using var tree = new ServiceTree(levels: [0, 3, 6]);
        Assert.Equal(["/etc/rc.d/rc0.d", "/etc/rc.d/rc3.d", "/etc/rc.d/rc6.d"], ServiceBackends.LinkDirectories(tree.Root));
    }

    [Fact]
    public void ListSkipsBackupsHiddenFilesAndDirectories()
    {
        using var tree = new ServiceTree().Classic("sshd", "2345", 55, 25);
        foreach (var junk in new[] { "sshd.rpmsave", "sshd.rpmnew", "sshd~", ".sshd", "sshd,", "sshd.swp" })
            tree.Classic(junk, "2345", 55, 25);
        Directory.CreateDirectory(tree.HostPath("/etc/rc.d/init.d/adir"));
        var engine = tree.Engine();
        engine.Add("sshd");
        engine.Add("sshd.rpmsave"); // by name it works, as in chkconfig; the list still skips it
        Assert.Equal("sshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n", engine.List().Stdout);
        Assert.Equal("error reading information on service adir: No such device\n", engine.Add("adir").Stderr);
    }

    [Fact]
    public void DefaultRunlevelFromInittabOrDefaultTarget()
    {
        Assert.Equal(5, DefaultRunlevel.ParseInittab("# comment\nid:5:initdefault:\n"));
        Assert.Null(DefaultRunlevel.ParseInittab("si::sysinit:/etc/rc.d/rc.sysinit\n"));
        using var dir = new TempDir();
        var root = new TargetRoot(dir.Path);
        Assert.Equal(3, DefaultRunlevel.For(root, live: false));
        dir.Dir("lib/systemd/system");
        dir.Write("lib/systemd/system/graphical.target", "");
        dir.Dir("etc/systemd/system");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "etc/systemd/system/default.target"), "/lib/systemd/system/graphical.target");
        Assert.Equal(5, DefaultRunlevel.For(root, live: false));
        dir.Write("etc/inittab", "id:2:initdefault:\n");
        Assert.Equal(2, DefaultRunlevel.For(root, live: false));
    }
}
