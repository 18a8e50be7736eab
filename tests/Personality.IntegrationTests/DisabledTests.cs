using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>personality=off on the kernel command line: a recorded no-op.</summary>
[Collection("root")]
public sealed class DisabledTests
{
    [Fact]
    public void PersonalityOffRecordsDisabledAndMountsNothing()
    {
        var stateLabel = Labels.Unique();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("off");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.FromRwtab("rwtab.fedora");
        tree.WriteStatetab("/var/lib/foo\n");
        tree.Seed("/var/lib/foo", isDirectory: true);
        var before = TreeSnapshot.OfHost(tree.Root);

        var obs = tree.Run("mounts before\nboot 1 'ro quiet personality=off readonlyroot'");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("disabled", boot);
        Expect.True(status.Errors.Count == 0, "disabled is not an error", boot);
        var mountsBefore = obs.Mounts("before").Select(m => m.ToString()).ToList();
        Expect.True(boot.Mounts.Select(m => m.ToString()).SequenceEqual(mountsBefore),
            "mounts changed although disabled\n" + Expect.MountsBelow(boot, tree), boot);
        Expect.True(status.Steps.All(s => s.Result is "skipped"), "steps ran although disabled", boot);

        // Apart from its own record and log, the tree is as it was, and so is the state volume.
        var after = TreeSnapshot.OfHost(tree.Root);
        var diff = TreeSnapshot.Diff(before.Nodes, after.Nodes,
            p => p.StartsWith("var/run/personality", StringComparison.Ordinal) || p.StartsWith("var/log/personality.log", StringComparison.Ordinal));
        Expect.True(diff.Length == 0, "tree changed although disabled:\n" + diff, boot);
        Assert.DoesNotContain(state.ListFiles(), p => p.StartsWith("var/", StringComparison.Ordinal));
    }
}
