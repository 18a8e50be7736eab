using System.Text.Json;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// An rwtab `files` entry that the initramfs also hands over (/run/initramfs/state/...). Red Hat binds the
/// scratch copy first, then `cp -a`s the initramfs state over it in place, so the bound file shows the
/// initramfs content. A copy that renames a new file into the scratch area leaves the bind on the old
/// inode: the guest sees the image's file, and status must not call the result clean either way.
/// </summary>
[Collection("root")]
public sealed class StaleFileBindTests
{
    private const string ImageContent = "nameserver 192.0.2.1\n";
    private const string InitramfsContent = "nameserver 198.51.100.53\n";

    [Fact]
    public void AFileBoundFromTheScratchAreaShowsTheInitramfsStateAndStatusSeesNoDrift()
    {
        using var tree = GuestTree.Create("stale-bind");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique()); // no such devices: tmpfs scratch, no state area
        tree.WriteRwtab("files /etc/resolv.conf\n");
        tree.AddFile("/etc/resolv.conf", ImageContent);
        tree.AddFile("/run/initramfs/state/etc/resolv.conf", InitramfsContent);

        // status right after, in the same namespace, so it sees the boot's mounts.
        var obs = tree.Run("""
            boot 1 ''
            cat "$ROOT/etc/resolv.conf" >"$OUT/seen.note"
            timeout 60 "$PERSONALITY_BIN" status --root "$ROOT" --json >"$OUT/status.note" 2>"$OUT/status.stderr" </dev/null
            echo $? >"$OUT/status-exit.note"
            """);
        var boot = obs.Boot(1);
        var record = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.MountAt(boot, tree, "/etc/resolv.conf");

        Expect.True(obs.Note("seen") + "\n" == InitramfsContent,
            $"/etc/resolv.conf shows '{obs.Note("seen")}' after the boot, expected the initramfs state '{InitramfsContent.Trim()}'", boot);

        using var status = JsonDocument.Parse(obs.Note("status"));
        var drift = status.RootElement.GetProperty("drift").EnumerateArray().Select(d => d.GetRawText()).ToList();
        Expect.True(drift.Count == 0, "status reports drift right after the boot:\n  " + string.Join("\n  ", drift), boot);
        var expectedExit = record.Result == "applied" ? 0 : 1; // 1 only for host noise (see HostNoise)
        Expect.True(obs.Note("status-exit") == expectedExit.ToString(),
            $"status exited {obs.Note("status-exit")}, expected {expectedExit}:\n{obs.Note("status")}", boot);
    }
}
