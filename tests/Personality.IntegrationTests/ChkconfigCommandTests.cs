using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// `personality chkconfig --root TREE ...` on the published binary: links, --list text and exit
/// codes as chkconfig gives them (the expected farms are upstream chkconfig's on the same trees).
/// </summary>
public sealed class ChkconfigCommandTests
{
    private const string Sshd = "#!/bin/sh\n# chkconfig: 2345 55 25\n# description: OpenSSH server daemon\n";

    [Fact]
    public void AddListQueryOffDelete()
    {
        using var tree = Tree();
        tree.AddFile("/etc/rc.d/init.d/sshd", Sshd, "755")
            .AddFile("/etc/rc.d/init.d/a", Lsb("a $alpha", "", ""), "755")
            .AddFile("/etc/rc.d/init.d/b", Lsb("b", "$alpha $network", "$alpha"), "755");

        foreach (var name in new[] { "sshd", "a", "b" })
            Ok(Chkconfig(tree, "--add", name));
        Assert.Equal("""
            0: K25sshd K49b K50a
            1: K25sshd K49b K50a
            2: S50a S51b S55sshd
            3: S50a S51b S55sshd
            4: S50a S51b S55sshd
            5: S50a S51b S55sshd
            6: K25sshd K49b K50a
            """, Farm(tree));
        foreach (var link in Directory.EnumerateFileSystemEntries(tree.HostPath("/etc/rc.d/rc3.d")))
            Assert.Equal("../init.d/" + Path.GetFileName(link)[3..], new FileInfo(link).LinkTarget);

        var list = Ok(Chkconfig(tree, "--list"));
        Assert.Equal("a              \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n" +
                     "b              \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n" +
                     "sshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n", list.Stdout);
        Assert.Equal("", list.Stderr);
        Assert.Equal(list.Stdout, Ok(Chkconfig(tree)).Stdout); // no arguments: list
        Assert.Equal("sshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n", Ok(Chkconfig(tree, "--list", "sshd")).Stdout);

        Assert.Equal(0, Chkconfig(tree, "sshd").ExitCode);           // default runlevel: 3
        Assert.Equal(1, Chkconfig(tree, "--level", "1", "sshd").ExitCode);
        Assert.Equal(0, Chkconfig(tree, "--level=5", "sshd").ExitCode);

        Ok(Chkconfig(tree, "--level", "35", "sshd", "off"));
        Assert.Equal(1, Chkconfig(tree, "sshd").ExitCode);
        Assert.Equal("3: K25sshd S50a S51b", Farm(tree).Split('\n')[3]);
        Ok(Chkconfig(tree, "--del", "/etc/init.d/b"));
        Assert.DoesNotContain("b", Farm(tree).Replace("sshd", ""));
    }

    [Fact]
    public void QueryUsesTheDefaultRunlevelFromInittab()
    {
        using var tree = Tree();
        tree.AddFile("/etc/rc.d/init.d/sshd", Sshd.Replace("2345", "5"), "755").AddFile("/etc/inittab", "id:5:initdefault:\n");
        Ok(Chkconfig(tree, "--add", "sshd"));
        Assert.Equal(0, Chkconfig(tree, "sshd").ExitCode);
        Assert.Equal(1, Chkconfig(tree, "--level", "3", "sshd").ExitCode);
        var two = Chkconfig(tree, "--level", "35", "sshd");
        Assert.Equal(1, two.ExitCode);
        Assert.Equal("only one runlevel may be specified for a chkconfig query\n", two.Stderr);
    }

    [Fact]
    public void ErrorsAndExitCodesAsChkconfig()
    {
        using var tree = Tree();
        tree.AddFile("/etc/rc.d/init.d/sshd", Sshd, "755")
            .AddFile("/etc/rc.d/init.d/plain", "#!/bin/sh\necho hi\n", "755")
            .AddFile("/etc/rc.d/init.d/lastline", "#!/bin/sh\n# chkconfig: 345 10 90", "755")
            .AddFile("/etc/rc.d/init.d/range", "#!/bin/sh\n# chkconfig: 345 100 90\n", "755");

        Failed(Chkconfig(tree, "--add", "plain"), "service plain does not support chkconfig\n");
        Failed(Chkconfig(tree, "--add", "lastline"), "service lastline does not support chkconfig\n");
        Failed(Chkconfig(tree, "--add", "range"), "service range does not support chkconfig\n");
        Failed(Chkconfig(tree, "nosuch", "on"), "error reading information on service nosuch: No such file or directory\n");
        Failed(Chkconfig(tree, "--list", "sshd"),
            "service sshd supports chkconfig, but is not referenced in any runlevel (run 'chkconfig --add sshd')\n");
        Failed(Chkconfig(tree, "--list", "--add", "sshd"), "only one of --list, --add, --del, or --override may be specified\n");
        Failed(Chkconfig(tree, "--type", "bogus", "--list"), "--type must be 'sysv' or 'xinetd'\n");
        Failed(Chkconfig(tree, "--bogus"), "--bogus: unknown option\n");
        Failed(Chkconfig(tree, "--level"), "--level: missing argument\n");
        foreach (var usage in new[] { new[] { "sshd", "bogus" }, ["--level", "9", "sshd", "on"], ["--add"], ["--add", "a", "b"], ["--level", "3"] })
        {
            var r = Chkconfig(tree, usage);
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.StartsWith("Usage: personality chkconfig", r.Stderr);
        }
        Assert.Equal(1, Chkconfig(tree, "plain").ExitCode);
        Assert.Equal("", Chkconfig(tree, "plain").Stderr);
        Assert.Equal("""
            0:
            1:
            2:
            3:
            4:
            5:
            6:
            """, Farm(tree));

        var badRoot = Shell.Run(RepoPaths.Binary, ["chkconfig", "--root", tree.HostPath("/nowhere"), "--list"]);
        Assert.Equal(64, badRoot.ExitCode); // --root is ours, not chkconfig's: our usage convention
        Assert.Contains("not a directory", badRoot.Stderr);
    }

    [Fact]
    public void DryRunAndVerboseShowTheChanges()
    {
        using var tree = Tree();
        tree.AddFile("/etc/rc.d/init.d/sshd", Sshd, "755");
        var dry = Ok(Chkconfig(tree, "--dry-run", "--add", "sshd"));
        Assert.StartsWith("would have created /etc/rc.d/rc0.d/K25sshd\n", dry.Stdout);
        Assert.Equal(7, dry.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("sshd", Farm(tree));

        var done = Ok(Chkconfig(tree, "--verbose", "--add", "sshd"));
        Assert.Equal(dry.Stdout.Replace("would have ", ""), done.Stdout);
        Assert.Equal("", Ok(Chkconfig(tree, "--verbose", "--add", "sshd")).Stdout); // nothing left to do
        Assert.Equal("removed /etc/rc.d/rc3.d/S55sshd\ncreated /etc/rc.d/rc3.d/K25sshd\n",
            Ok(Chkconfig(tree, "--verbose", "--level", "3", "sshd", "off")).Stdout);
    }

    [Fact]
    public void XinetdServices()
    {
        using var tree = Tree();
        const string tftp = "# description: tftp\nservice tftp\n{\n\tsocket_type\t\t= dgram\n\tdisable\t= yes\n\tuser\t\t= root\n}\n";
        tree.AddFile("/etc/rc.d/init.d/xinetd", "#!/bin/sh\n# chkconfig: 345 56 50\n# description: xinetd\n", "755")
            .AddFile("/etc/xinetd.d/tftp", tftp)
            .AddFile("/etc/xinetd.d/rsync", "service rsync\n{\n\tdisable = no\n}\n");
        Assert.Equal("", Ok(Chkconfig(tree, "--list")).Stdout);
        Ok(Chkconfig(tree, "--add", "xinetd"));
        Assert.Equal("xinetd         \t0:off\t1:off\t2:off\t3:on\t4:on\t5:on\t6:off\n" +
                     "\nxinetd based services:\n" +
                     "\trsync:         \ton\n" +
                     "\ttftp:          \toff\n", Ok(Chkconfig(tree, "--list")).Stdout);
        Assert.Equal(1, Chkconfig(tree, "tftp").ExitCode);

        Ok(Chkconfig(tree, "--level", "3", "tftp", "on"));
        Assert.Equal(tftp.Replace("= yes", "= no"), File.ReadAllText(tree.HostPath("/etc/xinetd.d/tftp")));
        Assert.Equal(0, Chkconfig(tree, "tftp").ExitCode);
        Assert.Equal("tftp           \ton\n", Ok(Chkconfig(tree, "--list", "tftp")).Stdout);
        Assert.DoesNotContain("tftp", Farm(tree));
    }

    [Fact]
    public void TreeWithOnlyEtcRcNdAndAbsoluteLinks()
    {
        // /etc/init.d is an absolute link: it must lead into the tree, not to the host's /etc/rc.d.
        using var tree = GuestTree.Create("chkconfig-abs");
        tree.AddFile("/data/init.d/sshd", Sshd, "755").AddSymlink("/etc/init.d", "/data/init.d");
        for (var level = 0; level < 7; level++) tree.AddDir($"/etc/rc{level}.d");
        var add = Ok(Chkconfig(tree, "--verbose", "--add", "sshd"));
        Assert.Contains("created /etc/rc3.d/S55sshd\n", add.Stdout);
        Assert.Equal("../init.d/sshd", new FileInfo(tree.HostPath("/etc/rc3.d/S55sshd")).LinkTarget);
        Assert.Equal("sshd           \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n", Ok(Chkconfig(tree, "--list")).Stdout);
    }

    [Fact]
    public void ACentos5TreeGetsCentos5sChkconfig()
    {
        using var tree = Tree();
        tree.AddFile("/etc/redhat-release", "CentOS release 5.11 (Final)\n")
            .AddFile("/etc/rc.d/init.d/sshd", Sshd, "755")
            .AddFile("/etc/rc.d/init.d/nodesc", "#!/bin/sh\n# chkconfig: 345 20 80\n", "755")
            .AddFile("/etc/chkconfig.d/sshd", "# chkconfig: 345 10 90\n");

        var verbose = Chkconfig(tree, "--verbose", "--add", "sshd");
        Assert.True(verbose.ExitCode == 0, verbose.ToString());
        Assert.Equal("personality chkconfig: rules of el5, chkconfig 1.3.30.2 (from /etc/redhat-release: CentOS release 5.11 (Final))\n", verbose.Stderr);
        Assert.Equal("2: S55sshd", Farm(tree).Split('\n')[2]); // 1.3.30 reads no /etc/chkconfig.d
        Failed(Chkconfig(tree, "--add", "nodesc"), "service nodesc does not support chkconfig\n");
        Failed(Chkconfig(tree, "--override", "sshd"), "--override: unknown option\n");
        Failed(Chkconfig(tree, "--list", "--del", "sshd"), "only one of --list, --add, or --del may be specified\n");
        Assert.StartsWith("Usage: personality chkconfig", Chkconfig(tree).Stderr); // no arguments: usage, as 1.3.30

        // The same tree as current chkconfig sees it.
        Ok(Chkconfig(tree, "--compat", "current", "--add", "nodesc"));
        Ok(Chkconfig(tree, "--compat", "current", "--override", "sshd"));
        Assert.Equal("2: K80nodesc K90sshd", Farm(tree).Split('\n')[2]);
        Assert.Equal("3: S10sshd S20nodesc", Farm(tree).Split('\n')[3]);
    }

    // ---- helpers ----

    /// <summary>A tree laid out as on CentOS: /etc/rc.d/{init.d,rc0.d..rc6.d} and the /etc links to them.</summary>
    internal static GuestTree Tree()
    {
        var tree = GuestTree.Create("chkconfig");
        tree.AddDir("/etc/rc.d/init.d").AddSymlink("/etc/init.d", "rc.d/init.d");
        for (var level = 0; level < 7; level++)
            tree.AddDir($"/etc/rc.d/rc{level}.d").AddSymlink($"/etc/rc{level}.d", $"rc.d/rc{level}.d");
        return tree;
    }

    internal static string Lsb(string provides, string requiredStart, string requiredStop, string start = "2 3 4 5", string stop = "0 1 6") =>
        $"#!/bin/sh\n### BEGIN INIT INFO\n# Provides: {provides}\n# Required-Start: {requiredStart}\n# Required-Stop: {requiredStop}\n" +
        $"# Default-Start: {start}\n# Default-Stop: {stop}\n### END INIT INFO\n";

    internal static ProcessResult Chkconfig(GuestTree tree, params string[] args) =>
        Shell.Run(RepoPaths.Binary, ["chkconfig", "--root", tree.Root, .. args], new Dictionary<string, string> { ["LANG"] = "C" });

    /// <summary>"N: entries" for rc0.d..rc6.d (each resolved through /etc/rcN.d when /etc/rc.d has none).</summary>
    internal static string Farm(GuestTree tree) => string.Join('\n', Enumerable.Range(0, 7).Select(level =>
    {
        var dir = Directory.Exists(tree.HostPath($"/etc/rc.d/rc{level}.d")) ? tree.HostPath($"/etc/rc.d/rc{level}.d") : tree.HostPath($"/etc/rc{level}.d");
        return $"{level}: {string.Join(' ', Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal))}".TrimEnd();
    }));

    private static ProcessResult Ok(ProcessResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }

    private static void Failed(ProcessResult r, string stderr)
    {
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal(stderr, r.Stderr);
        Assert.Equal("", r.Stdout);
    }
}
