using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// An rwtab entry that is a symlink (Fedora's /etc/resolv.conf -> ../run/resolv.conf). Red Hat's shell
/// fails to bind it; ours binds the symlink's target, resolved inside the guest root.
/// </summary>
[Collection("root")]
public sealed class SymlinkEntryTests
{
    [Theory]
    [InlineData("../run/resolv.conf")]
    [InlineData("/run/resolv.conf")] // absolute: must resolve inside --root, never on the host
    public void SymlinkEntryBindsItsTargetInsideTheRoot(string linkTarget)
    {
        using var tree = GuestTree.Create("symlink");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteRwtab("files /etc/resolv.conf\n");
        tree.AddFile("/run/resolv.conf", "nameserver 192.0.2.53\n");
        tree.AddSymlink("/etc/resolv.conf", linkTarget);

        // Read through the link, then write through it: the write must land in the scratch copy.
        var obs = tree.Run("""
            boot 1 ''
            note read "$(cat "$ROOT/run/resolv.conf")"
            echo 'nameserver 192.0.2.99' > "$ROOT/run/resolv.conf" && note write ok || note write failed
            note scratch "$(grep -rl 192.0.2.99 "$ROOT/var/lib/stateless/writable" | sed "s|^$ROOT||")"
            """);
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);
        Expect.Step(boot, "/run/resolv.conf", "bind", "applied", "/etc/rwtab", 1); // the bind names the real target
        var m = Expect.MountAt(boot, tree, "/run/resolv.conf");
        Expect.True(m.FsType == "tmpfs", $"/run/resolv.conf is not bound from the scratch area: {m}", boot);
        Expect.NoMountAt(boot, tree, "/etc/resolv.conf");
        Assert.Equal("nameserver 192.0.2.53", obs.Note("read"));
        Assert.Equal("ok", obs.Note("write"));
        Assert.StartsWith(GuestTree.RwMount + "/", obs.Note("scratch"));

        // The tree itself is unchanged: the link is still a link, the target still has its content.
        Assert.Equal(linkTarget, new FileInfo(tree.HostPath("/etc/resolv.conf")).LinkTarget);
        Assert.Equal("nameserver 192.0.2.53\n", File.ReadAllText(tree.HostPath("/run/resolv.conf")));
    }
}
