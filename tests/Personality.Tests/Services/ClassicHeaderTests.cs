using Personality.Services;

namespace Personality.Tests.Services;

/// <summary>
/// Scripts with a classic <c># chkconfig: LEVELS START STOP</c> header. Every expected farm was
/// taken from upstream chkconfig run on the same tree (see docs/chkconfig.md, "How this was checked").
/// </summary>
public class ClassicHeaderTests
{
    [Fact]
    public void AddOnOffResetDeleteGiveChkconfigsLinks()
    {
        using var tree = new ServiceTree().Classic("sshd", "2345", 55, 25).Classic("dash", "-", 85, 15);
        var engine = tree.Engine();

        Assert.Equal(0, engine.Add("sshd").ExitCode);
        Assert.Equal("""
            0: K25sshd
            1: K25sshd
            2: S55sshd
            3: S55sshd
            4: S55sshd
            5: S55sshd
            6: K25sshd
            """, tree.Farm());

        engine.Add("dash");
        Assert.Equal("""
            0: K15dash K25sshd
            1: K15dash K25sshd
            2: K15dash S55sshd
            3: K15dash S55sshd
            4: K15dash S55sshd
            5: K15dash S55sshd
            6: K15dash K25sshd
            """, tree.Farm());
        Assert.Equal("dash           \t0:off\t1:off\t2:off\t3:off\t4:off\t5:off\t6:off\n" +
                     "sshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n", engine.List().Stdout);

        engine.Set("sshd", ServiceState.Off);
        engine.Set("sshd", ServiceState.On, RunLevels.Parse("35"));
        engine.Set("dash", ServiceState.On);
        engine.Set("dash", ServiceState.On, RunLevels.Parse("0"));
        Assert.Equal("""
            0: K25sshd S85dash
            1: K15dash K25sshd
            2: K25sshd S85dash
            3: S55sshd S85dash
            4: K25sshd S85dash
            5: S55sshd S85dash
            6: K15dash K25sshd
            """, tree.Farm());

        engine.Set("sshd", ServiceState.Reset);
        engine.Set("dash", ServiceState.Reset);
        Assert.Equal("""
            0: K15dash K25sshd
            1: K15dash K25sshd
            2: K15dash S55sshd
            3: K15dash S55sshd
            4: K15dash S55sshd
            5: K15dash S55sshd
            6: K15dash K25sshd
            """, tree.Farm());

        engine.Delete("dash");
        Assert.Equal("""
            0: K25sshd
            1: K25sshd
            2: S55sshd
            3: S55sshd
            4: S55sshd
            5: S55sshd
            6: K25sshd
            """, tree.Farm());
        tree.AssertLinkTargets();
    }

    [Fact]
    public void AddLeavesLevelsThatAlreadyHaveLinks()
    {
        using var tree = new ServiceTree().Classic("sshd", "2345", 55, 25)
            .Link(3, "K10sshd", "../init.d/sshd").Link(3, "S55sshd", "../init.d/sshd")
            .Link(2, "S55sshd", "/etc/rc.d/init.d/sshd").Link(5, "S70sshd", "../init.d/sshd");
        var outcome = tree.Engine().Add("sshd");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("""
            0: K25sshd
            1: K25sshd
            2: S55sshd
            3: K10sshd S55sshd
            4: S55sshd
            5: S70sshd
            6: K25sshd
            """, tree.Farm());
        Assert.Equal("/etc/rc.d/init.d/sshd", new FileInfo(tree.HostPath("/etc/rc.d/rc2.d/S55sshd")).LinkTarget);

        // resetpriorities rewrites every level with the header's priorities, keeping on/off.
        tree.Engine().Set("sshd", ServiceState.ResetPriorities);
        Assert.Equal("""
            0: K25sshd
            1: K25sshd
            2: S55sshd
            3: S55sshd
            4: S55sshd
            5: S55sshd
            6: K25sshd
            """, tree.Farm());
        tree.AssertLinkTargets();
    }

    [Fact]
    public void ScriptWithoutHeaderIsRefused()
    {
        using var tree = new ServiceTree().Script("plain", "#!/bin/sh\necho hello\n").Classic("sshd", "2345", 55, 25);
        var engine = tree.Engine();
        var add = engine.Add("plain");
        Assert.Equal(1, add.ExitCode);
        Assert.Equal("service plain does not support chkconfig\n", add.Stderr);
        Assert.Equal(1, engine.Set("plain", ServiceState.On).ExitCode);
        Assert.Equal(1, engine.Delete("plain").ExitCode);
        Assert.Equal("service plain does not support chkconfig\n", engine.List("plain").Stderr);
        Assert.Equal(1, engine.Query("plain", 3).ExitCode);
        Assert.Equal("", engine.Query("plain", 3).Stderr);
        engine.Add("sshd");
        Assert.Equal("sshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n", engine.List().Stdout);
        Assert.DoesNotContain("plain", tree.Farm());
    }

    [Fact]
    public void UnknownServiceAndUnreferencedService()
    {
        using var tree = new ServiceTree().Classic("sshd", "2345", 55, 25);
        var engine = tree.Engine();
        var unknown = engine.Add("nosuch");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error reading information on service nosuch: No such file or directory\n", unknown.Stderr);
        var list = engine.List("sshd");
        Assert.Equal(1, list.ExitCode);
        Assert.Equal("service sshd supports chkconfig, but is not referenced in any runlevel (run 'chkconfig --add sshd')\n", list.Stderr);
        Assert.Equal(1, engine.Query("nosuch", 3).ExitCode);
        Assert.Equal(1, engine.Add("../etc").ExitCode);
    }

    [Fact]
    public void QueryAnswersPerLevel()
    {
        using var tree = new ServiceTree().Classic("sshd", "35", 55, 25);
        var engine = tree.Engine();
        engine.Add("sshd");
        Assert.Equal(0, engine.Query("sshd", 3).ExitCode);
        Assert.Equal(0, engine.Query("sshd", 5).ExitCode);
        Assert.Equal(1, engine.Query("sshd", 2).ExitCode);
        Assert.Equal("", engine.Query("sshd", 3).Stdout);
    }

    [Fact]
    public void MissingLevelDirectoryIsReportedAndTheRestIsDone()
    {
        using var tree = new ServiceTree(aliases: false, levels: [1, 2, 3, 4, 5, 6]).Classic("sshd", "2345", 55, 25);
        var add = tree.Engine().Add("sshd");
        Assert.Equal(0, add.ExitCode); // as chkconfig: --add ignores a failed link
        Assert.Equal("failed to make symlink /etc/rc.d/rc0.d/K25sshd: No such file or directory\n", add.Stderr);
        Assert.Equal("""
            0: -
            1: K25sshd
            2: S55sshd
            3: S55sshd
            4: S55sshd
            5: S55sshd
            6: K25sshd
            """, tree.Farm());
        var off = tree.Engine().Set("sshd", ServiceState.Off, RunLevels.Parse("02"));
        Assert.Equal(1, off.ExitCode); // on/off report it
        Assert.Equal("2: K25sshd", tree.Farm().Split('\n')[2]);
    }

    [Fact]
    public void WithoutRc3ChkconfigRefusesToChangeAnything()
    {
        using var tree = new ServiceTree(aliases: false, levels: [0, 1, 2]).Classic("sshd", "2345", 55, 25);
        var add = tree.Engine().Add("sshd");
        Assert.Equal(1, add.ExitCode);
        Assert.Equal("You do not have enough privileges to perform this operation.\n", add.Stderr);
        Assert.Empty(add.Changes);
    }
}
