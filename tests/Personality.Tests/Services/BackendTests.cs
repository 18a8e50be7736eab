using Personality.Services;

namespace Personality.Tests.Services;

/// <summary>The two backends behind <see cref="IServiceBackend"/>, and the choice between them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class BackendTests
{
    private const string Busybox = "/bin/busybox";

    // Records its arguments and makes the links a real chkconfig would (S50/K50), with busybox as /bin/sh.
    private const string FakeChkconfig = """
        #!/bin/sh
        echo "$*" >> /chkconfig-args
        if [ "$1" = "--level" ]; then
          levels=$2; name=$3; state=$4
          i=0
          while [ $i -le 6 ]; do
            case "$levels" in
              *$i*)
                /bin/busybox rm -f /etc/rc.d/rc$i.d/[SK][0-9][0-9]$name
                if [ "$state" = on ]; then p=S50; else p=K50; fi
                /bin/busybox ln -s ../init.d/$name /etc/rc.d/rc$i.d/$p$name ;;
            esac
            i=$((i+1))
          done
        fi
        if [ "$name" = failing ]; then echo "boom: cannot do that" >&2; exit 3; fi
        exit 0

        """;

    [Fact]
    public void NativeAppliesOnlyTheLevelsThatDiffer()
    {
        using var tree = new ServiceTree().Classic("sshd", "2345", 55, 25).Classic("cups", "2345", 25, 10);
        tree.Engine().Add("sshd");
        var backend = ServiceBackends.For(tree.Root, preferGuest: false);
        Assert.Equal("native", backend.Name);
        Assert.True(backend.Exists("sshd"));
        Assert.False(backend.Exists("nosuch"));
        Assert.False(backend.Exists("../sshd"));
        Assert.True(backend.IsOn("sshd", 3));
        Assert.False(backend.IsOn("sshd", 1));

        Assert.Empty(backend.Set("sshd", true, "2345"));
        Assert.Equal(["removed /etc/rc.d/rc1.d/K25sshd", "created /etc/rc.d/rc1.d/S55sshd"], backend.Set("sshd", true, "12345"));
        Assert.Equal(["removed /etc/rc.d/rc3.d/S55sshd", "created /etc/rc.d/rc3.d/K25sshd"], backend.Set("sshd", false, "3"));

        // Never added: on at 345 links those levels only, as `chkconfig --level 345 cups on` does.
        Assert.Equal(["created /etc/rc.d/rc3.d/S25cups", "created /etc/rc.d/rc4.d/S25cups", "created /etc/rc.d/rc5.d/S25cups"],
            backend.Set("cups", true, "345"));
        Assert.Empty(backend.Set("cups", true, "345"));
        // A level without a link is off already: nothing to do there.
        Assert.Empty(backend.Set("cups", false, "0"));
        Assert.Equal(["removed /etc/rc.d/rc3.d/S25cups", "created /etc/rc.d/rc3.d/K10cups", "removed /etc/rc.d/rc4.d/S25cups",
                      "created /etc/rc.d/rc4.d/K10cups", "removed /etc/rc.d/rc5.d/S25cups", "created /etc/rc.d/rc5.d/K10cups"],
            backend.Set("cups", false, ""));
    }

    [Fact]
    public void NativePlanChangesNothing()
    {
        using var tree = new ServiceTree().Classic("sshd", "2345", 55, 25);
        var backend = new NativeServiceBackend(tree.Root);
        var farm = tree.Farm();
        Assert.Equal(4, backend.Plan("sshd", true, "2345").Count);
        Assert.Equal(farm, tree.Farm());
        Assert.Equal(4, backend.Apply("sshd", true, "2345").Count);
    }

    [Fact]
    public void NativeRefusesWhatChkconfigRefuses()
    {
        using var tree = new ServiceTree().Script("plain", "#!/bin/sh\n").Xinetd("tftp", "service tftp\n{\n\tdisable = yes\n}\n");
        var backend = new NativeServiceBackend(tree.Root);
        Assert.Equal("service plain does not support chkconfig", Assert.Throws<ServiceException>(() => backend.Set("plain", true, "")).Message);
        Assert.Contains("nosuch", Assert.Throws<ServiceException>(() => backend.Set("nosuch", true, "")).Message);
        Assert.Contains("levels", Assert.Throws<ServiceException>(() => backend.Set("plain", true, "27")).Message);
        Assert.Throws<ServiceException>(() => backend.Set("a/b", true, ""));

        Assert.False(backend.IsOn("tftp", 3));
        Assert.Equal(["rewrote /etc/xinetd.d/tftp (disable = no)"], backend.Set("tftp", true, "3"));
        Assert.True(backend.IsOn("tftp", 0));
        Assert.Empty(backend.Set("tftp", true, "2345"));
    }

    [Fact]
    public void GuestChkconfigRunsInsideTheTreeOnlyForDifferences()
    {
        using var tree = GuestTree();
        var backend = ServiceBackends.For(tree.Root);
        Assert.Equal("chkconfig", backend.Name);

        Assert.Equal(
            ["removed /etc/rc.d/rc3.d/K50svc", "created /etc/rc.d/rc3.d/S50svc", "removed /etc/rc.d/rc5.d/K50svc", "created /etc/rc.d/rc5.d/S50svc"],
            backend.Set("svc", true, "35"));
        Assert.True(backend.IsOn("svc", 5));
        Assert.Empty(backend.Set("svc", true, "35"));
        Assert.Equal(["removed /etc/rc.d/rc2.d/K50svc", "created /etc/rc.d/rc2.d/S50svc"], backend.Set("svc", true, "235"));
        Assert.Empty(backend.Set("tftp", false, "2345"));
        backend.Set("tftp", true, "2345");
        Assert.Equal(["--level 35 svc on", "--level 2 svc on", "tftp on"], Args(tree));

        var failure = Assert.Throws<ServiceException>(() => backend.Set("failing", true, "3"));
        Assert.Contains("exit 3", failure.Message);
        Assert.Contains("boom: cannot do that", failure.Message);
        Assert.Throws<ServiceException>(() => backend.Set("nosuch", true, "3"));
        Assert.Equal(4, Args(tree).Length);
    }

    [Fact]
    public void ForPrefersTheGuestsChkconfigOnlyWhenAsked()
    {
        using var tree = GuestTree();
        Assert.IsType<GuestChkconfigBackend>(ServiceBackends.For(tree.Root));
        Assert.IsType<NativeServiceBackend>(ServiceBackends.For(tree.Root, preferGuest: false));
        using var plain = new ServiceTree();
        Assert.IsType<NativeServiceBackend>(ServiceBackends.For(plain.Root));
    }

    private static string[] Args(ServiceTree tree) =>
        File.ReadAllLines(tree.HostPath("/chkconfig-args"));

    private static ServiceTree GuestTree()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("the guest chkconfig backend runs chroot: run the tests as root");
        if (!File.Exists(Busybox))
            throw new InvalidOperationException($"{Busybox} is missing: apt-get install busybox-static (a static shell for the test tree)");
        var tree = new ServiceTree();
        Directory.CreateDirectory(tree.HostPath("/bin"));
        Directory.CreateDirectory(tree.HostPath("/sbin"));
        File.Copy(Busybox, tree.HostPath("/bin/busybox"));
        File.CreateSymbolicLink(tree.HostPath("/bin/sh"), "busybox");
        File.WriteAllText(tree.HostPath("/sbin/chkconfig"), FakeChkconfig);
        File.SetUnixFileMode(tree.HostPath("/sbin/chkconfig"), (UnixFileMode)Convert.ToInt32("755", 8));
        tree.Classic("svc", "2345", 50, 50).Classic("failing", "2345", 50, 50);
        for (var level = 0; level < 7; level++)
            tree.Link(level, "K50svc", "../init.d/svc");
        tree.Xinetd("tftp", "service tftp\n{\n\tdisable = yes\n}\n");
        return tree;
    }
}
