using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// The scratch device is wiped at every boot; a volume in use as state must never be. When RW_LABEL names
/// the state volume's label (a typo, or one disk meant for both), the boot keeps the state, falls back to a
/// tmpfs scratch area and says so in the record.
/// </summary>
[Collection("root")]
public sealed class WipeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the state area comes from /etc/fstab (LABEL=), not from STATE_LABEL
    public void RwLabelNamingTheStateVolumeDoesNotWipeIt(bool stateFromFstab)
    {
        var label = Labels.Unique();
        using var data = new TempDir("wipe-state");
        Directory.CreateDirectory(Path.Combine(data.Path, "var/lib/app"));
        File.WriteAllText(Path.Combine(data.Path, "var/lib/app/db"), "rows kept across boots\n");
        File.WriteAllText(Path.Combine(data.Path, "notes.txt"), "the state volume's own file\n");
        using var state = LoopVolume.Create(FsType.Ext4, label, populateFrom: data.Path);
        // Everything but lost+found and the boot history (./.personality), which each boot adds to a state volume.
        const string listing = "cd \"$MNT\" && find . \\( -path ./lost+found -o -path ./.personality \\) -prune -o -print | LC_ALL=C sort && " +
                               "find . -path ./.personality -prune -o -type f -exec md5sum {} + | LC_ALL=C sort -k2";
        var before = state.WithMounted(readOnly: true, listing);

        using var tree = GuestTree.Create("wipe-state");
        if (stateFromFstab)
        {
            tree.WriteReadonlyRoot(label, Labels.Unique()); // RW_LABEL names the volume fstab gives the state area
            tree.AddFile("/etc/fstab", $"LABEL={label} {GuestTree.StateMount} ext4 defaults 0 0\n");
        }
        else
        {
            tree.WriteReadonlyRoot(label, label); // RW_LABEL and STATE_LABEL: the same volume
        }
        tree.WriteRwtab("dirs /var/log\n");

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);

        var after = state.WithMounted(readOnly: true, listing);
        Expect.True(after == before, $"the state volume changed:\n--- before\n{before}--- after\n{after}", boot);
        Expect.True(!status.Steps.Any(s => s.Action == "wipe" && s.Result is "applied" or "unchanged"),
            "a wipe step ran: " + string.Join("; ", status.Steps.Where(s => s.Action == "wipe")), boot);
        var scratch = Expect.MountAt(boot, tree, GuestTree.RwMount);
        Expect.True(scratch.FsType == "tmpfs", $"the scratch area is {scratch}, expected tmpfs", boot);
        Expect.True(status.Diagnostics.Where(d => !HostNoise.IsNoise(d)).Any(d => PersonalityGuest.Text(d).Contains(label) || PersonalityGuest.Text(d).Contains("RW_LABEL")),
            $"no warning or error says RW_LABEL={label} is the state volume", boot);
    }
}
