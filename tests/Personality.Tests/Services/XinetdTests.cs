using Personality.Services;

namespace Personality.Tests.Services;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class XinetdTests
{
    private const string Tftp = "# default: off\n# description: tftp\nservice tftp\n{\n\tsocket_type\t\t= dgram\n\tdisable\t= yes\n\n\tuser = root\n}\n";
    private const string Rsync = "service rsync\n{\n        disable = no\n        socket_type     = stream\n}\n";
    private const string Echo = "service echo\n{\n  type = INTERNAL\n}\n";

    private static ServiceTree Tree() => new ServiceTree()
        .Classic("xinetd", "2345", 58, 22)
        .Xinetd("tftp", Tftp).Xinetd("rsync", Rsync).Xinetd("echo", Echo)
        .Xinetd("chargen.rpmsave", "service chargen\n{\n  disable = yes\n}\n");

    [Fact]
    public void OnAndOffRewriteOnlyTheDisableValue()
    {
        using var tree = Tree();
        var engine = tree.Engine();
        var on = engine.Set("tftp", ServiceState.On, RunLevels.Parse("3"));
        Assert.Equal(0, on.ExitCode);
        Assert.Equal(Tftp.Replace("disable\t= yes", "disable\t= no"), tree.XinetdText("tftp"));
        Assert.Equal(["rewrote /etc/xinetd.d/tftp (disable = no)"], on.Changes.Select(c => c.ToString()));
        Assert.Empty(engine.Set("tftp", ServiceState.On).Changes);

        engine.Set("rsync", ServiceState.Off);
        Assert.Equal(Rsync.Replace("disable = no", "disable = yes"), tree.XinetdText("rsync"));

        // No disable line: one is added after the '{', where chkconfig puts it.
        engine.Set("echo", ServiceState.Off);
        Assert.Equal("service echo\n{\n\tdisable\t= yes\n  type = INTERNAL\n}\n", tree.XinetdText("echo"));
        Assert.DoesNotContain("xinetd", tree.Farm()); // no links for xinetd services
    }

    [Fact]
    public void ListShowsTheXinetdSectionOnlyWhenXinetdIsOn()
    {
        using var tree = Tree();
        var engine = tree.Engine();
        Assert.Equal("", engine.List().Stdout);
        engine.Add("xinetd");
        Assert.Equal(
            "xinetd         \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n" +
            "\n" +
            "xinetd based services:\n" +
            "\techo:          \ton\n" +
            "\trsync:         \ton\n" +
            "\ttftp:          \toff\n", engine.List().Stdout);
        Assert.Equal("tftp           \toff\n", engine.List("tftp").Stdout);
        Assert.Equal("\nxinetd based services:\n\techo:          \ton\n\trsync:         \ton\n\ttftp:          \toff\n",
            engine.List(types: ServiceTypes.Xinetd).Stdout);

        // Queries: the file's state, and only while xinetd itself is on.
        Assert.Equal(0, engine.Query("rsync", 3).ExitCode);
        Assert.Equal(1, engine.Query("tftp", 3).ExitCode);
        engine.Set("xinetd", ServiceState.Off);
        Assert.Equal(1, engine.Query("rsync", 3).ExitCode);
        Assert.Equal("", engine.List(types: ServiceTypes.Xinetd).Stdout);
    }

    [Fact]
    public void AddDeleteAndLevelsDoNothingForXinetdServices()
    {
        using var tree = Tree();
        var engine = tree.Engine();
        Assert.Equal(0, engine.Add("tftp").ExitCode);
        Assert.Equal(0, engine.Delete("tftp").ExitCode);
        Assert.Equal(Tftp, tree.XinetdText("tftp"));
        Assert.Equal(1, engine.Set("tftp", ServiceState.On, types: ServiceTypes.InitScript).ExitCode);
        // reset returns to the state of the first disable line (chkconfig never reads "# default:").
        engine.Set("tftp", ServiceState.Reset);
        Assert.Equal(Tftp, tree.XinetdText("tftp"));
    }

    [Fact]
    public void RewriteKeepsModeAndEveryOtherByte()
    {
        using var tree = Tree();
        var path = tree.HostPath("/etc/xinetd.d/rsync");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        tree.Engine().Set("rsync", ServiceState.Off);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal(Rsync.Replace("= no", "= yes"), File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(tree.HostPath("/etc/xinetd.d"), "*rsync*"));
    }

    [Theory]
    [InlineData("service a\n{\n disable = yes\n}\n", false)]
    [InlineData("service a\n{\n disable = no\n}\n", true)]
    [InlineData("service a\n{\n}\n", true)]
    [InlineData("service a\n{\n disable = yes\n disable = no\n}\n", true)]
    [InlineData("#disable = yes\nservice a\n{\n}\n", true)]
    [InlineData("service a\n{\n\tdisable\t=\tyes # comment\n}\n", false)]
    public void ReadsTheLastDisableLine(string text, bool on) => Assert.Equal(on, XinetdConfig.Read(text).On);
}
