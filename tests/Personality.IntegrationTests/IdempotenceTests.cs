using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>A second boot in the same namespace changes nothing: no copy, no new mount.</summary>
[Collection("root")]
public sealed class IdempotenceTests
{
    [Fact]
    public void SecondBootInTheSameNamespaceIsAllUnchanged()
    {
        var stateLabel = Labels.Unique();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("twice");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.FromRwtab("rwtab.fedora");
        tree.WriteStatetab("/var/lib/foo\n/etc/ssh/keys\n");
        tree.Seed("/var/lib/foo", isDirectory: true);
        tree.Seed("/etc/ssh/keys", isDirectory: true);

        var obs = tree.Run("boot 1 ''\nboot 2 ''");
        var boot1 = obs.Boot(1);
        var boot2 = obs.Boot(2);
        Expect.Booted(boot1, tree);
        Expect.Result("applied", boot1);
        var status = Expect.Booted(boot2, tree);
        Expect.Result("applied", boot2);
        Expect.NoDiagnostics(boot2);

        Expect.True(status.Steps.Count > 0, "second boot recorded no steps", boot2);
        var changed = status.Steps.Where(s => s.Result != "unchanged").ToList();
        Expect.True(changed.Count == 0, "second boot did something:\n  " + string.Join("\n  ", changed), boot2);
        // The same stages are covered as on the first boot (nothing silently dropped).
        Assert.Equal(boot1.Status.Steps.Select(s => s.Stage).Distinct().Order(), status.Steps.Select(s => s.Stage).Distinct().Order());

        // Mount ids included: an unmount and remount of the same thing is a change too.
        var before = boot1.Mounts.Select(m => $"{m.Id} {m}").ToList();
        var after = boot2.Mounts.Select(m => $"{m.Id} {m}").ToList();
        Expect.True(before.Count == after.Count && before.SequenceEqual(after),
            $"mount table changed: {before.Count} -> {after.Count} lines\n+ {string.Join("\n+ ", after.Except(before))}", boot2);
    }
}
