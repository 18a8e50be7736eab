using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>The persistent state volume (STATE_LABEL) and /etc/statetab: copy on first use, bind, persist.</summary>
[Collection("root")]
public sealed class StateVolumeTests(ITestOutputHelper output)
{
    [Fact]
    public void StatePersistsAcrossBootsInSeparateNamespacesAndIsCopiedOnlyOnce()
    {
        var label = Labels.Unique();
        using var volume = LoopVolume.Create(FsType.Ext4, label);
        using var tree = GuestTree.Create("state");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("# persistent state\n/var/lib/foo\n/etc/ssh/keys\n");
        tree.Seed("/var/lib/foo", isDirectory: true);
        tree.Seed("/etc/ssh/keys", isDirectory: true);

        // First boot: copies to the volume, binds; the test changes a file through the bind.
        var first = tree.Run("boot 1 ''\necho changed > \"$ROOT/var/lib/foo/seed.txt\"");
        var boot1 = first.Boot(1);
        var s1 = Expect.Booted(boot1, tree);
        Expect.Result("applied", boot1);
        Expect.NoDiagnostics(boot1);
        var v = s1.Volume("state");
        Expect.True(v is not null && v.Device == volume.Device && v.Label == label && v.Type == "ext4" && v.Uuid == volume.Uuid,
            $"state volume should be {volume} uuid {volume.Uuid}, got {v}", boot1);
        var stateMount = Expect.MountAt(boot1, tree, GuestTree.StateMount);
        Expect.True(stateMount.Source == volume.Device, $"state area is {stateMount}", boot1);
        foreach (var (path, line) in new[] { ("/var/lib/foo", 2), ("/etc/ssh/keys", 3) })
        {
            var m = Expect.MountAt(boot1, tree, path);
            Expect.True(m.Source == volume.Device && m.Root == path, $"{path} is not bound from the state copy: {m}", boot1);
            Expect.Step(boot1, path, "copy", "applied", "/etc/statetab", line);
            Expect.Step(boot1, path, "bind", "applied", "/etc/statetab", line);
        }
        Assert.Equal($"seed of /var/lib/foo\n", File.ReadAllText(tree.HostPath("/var/lib/foo/seed.txt"))); // the tree is untouched
        Assert.Equal("changed\n", volume.ReadFile("var/lib/foo/seed.txt")); // Red Hat layout: STATE_MOUNT + path
        Assert.Equal("inner of /etc/ssh/keys\n", volume.ReadFile("etc/ssh/keys/sub/inner.txt"));

        // Second boot, new namespace: sees the change, copies nothing.
        var second = tree.Run("boot 1 ''\nnote seed \"$(cat \"$ROOT/var/lib/foo/seed.txt\")\"");
        var boot2 = second.Boot(1);
        Expect.Booted(boot2, tree);
        Expect.Result("applied", boot2);
        Assert.Equal("changed", second.Note("seed"));
        var copies = boot2.Status.Steps.Where(s => s.Stage == "statetab" && s.Action == "copy" && s.Result == "applied").ToList();
        Expect.True(copies.Count == 0, "second boot copied again:\n  " + string.Join("\n  ", copies), boot2);
        Expect.Step(boot2, "/var/lib/foo", "bind", "applied", "/etc/statetab", 2);
    }

    [Fact]
    public void ReadOnlyIso9660StateVolumeIsReportedAndNotUsed()
    {
        var label = Labels.UniqueUpper();
        using var content = new TempDir("iso");
        Directory.CreateDirectory(Path.Combine(content.Path, "var", "lib", "foo"));
        File.WriteAllText(Path.Combine(content.Path, "var", "lib", "foo", "seed.txt"), "from the iso\n");
        using var volume = LoopVolume.Create(FsType.Iso9660, label, populateFrom: content.Path);
        using var tree = GuestTree.Create("iso-state");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/foo\n");
        tree.Seed("/var/lib/foo", isDirectory: true);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        var v = status.Volume("state");
        Expect.True(v is not null && v.Device == volume.Device && v.Type == "iso9660", $"state volume should be {volume}, got {v}", boot);
        Expect.NoMountAt(boot, tree, "/var/lib/foo");
        Expect.True(status.Result is "degraded" or "failed", $"result '{status.Result}' for an unusable state volume", boot);
        var named = status.Diagnostics.Where(d => d.Message.Contains(volume.Device) || d.Message.Contains(label)
                                                  || d.Message.Contains(GuestTree.StateMount)).ToList();
        Expect.True(named.Count > 0, $"no warning or error names the state volume {volume.Device} ({label})", boot);
        if (KernelFilesystems.Supports(FsType.Iso9660))
            Expect.True(named.Any(d => d.Message.Contains("writ", StringComparison.OrdinalIgnoreCase) || d.Message.Contains("read-only", StringComparison.OrdinalIgnoreCase)),
                "the diagnostic should say the state volume is not writable", boot);
        else
            output.WriteLine("kernel has no iso9660: the diagnostic is about the failed mount");
    }

    [Fact]
    public void FullStateVolumeReportsThePathAndLeavesNoHalfCopy()
    {
        var label = Labels.Unique();
        using var volume = LoopVolume.Create(FsType.Ext2, label, sizeBytes: 4L << 20);
        // Fill it, then free about 200 KB: room for the small entry, not for the 2 x 150 KB one.
        volume.WithMounted(readOnly: false, "dd if=/dev/zero of=\"$MNT/filler\" bs=64k status=none || true\nsync\ntruncate -s -200K \"$MNT/filler\"\nsync");
        var before = volume.ListFiles();

        using var tree = GuestTree.Create("full");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/small\n/var/lib/big\n");
        tree.AddFile("/var/lib/small/a.conf", "small\n");
        tree.AddDir("/var/lib/big");
        File.WriteAllBytes(tree.HostPath("/var/lib/big/one.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(150 * 1024));
        File.WriteAllBytes(tree.HostPath("/var/lib/big/two.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(150 * 1024));

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        Expect.True(status.Errors.Any(e => e.Message.Contains("/var/lib/big") || (e.Origin ?? "").StartsWith("/etc/statetab:2", StringComparison.Ordinal)),
            "no error names /var/lib/big", boot);
        Expect.NoMountAt(boot, tree, "/var/lib/big");
        Expect.MountAt(boot, tree, "/var/lib/small");

        // Nothing of the failed copy stays on the volume, under any temporary name.
        var added = volume.ListFiles().Except(before).Where(p => !p.StartsWith("var/lib/small", StringComparison.Ordinal)).ToList();
        Expect.True(!added.Any(p => p.Contains("big", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".bin", StringComparison.Ordinal)),
            "half-copied data left on the volume:\n  " + string.Join("\n  ", added), boot);
        var sizes = volume.WithMounted(readOnly: true, "cd \"$MNT\" && find . -type f ! -path './var/lib/small/*' ! -name filler -printf '%s %P\\n'");
        var largest = sizes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l.Split(' ')[0])).DefaultIfEmpty(0).Max();
        Expect.True(largest < 64 * 1024, "a large file other than the filler is left on the volume:\n" + sizes, boot);
        Assert.Equal("small\n", volume.ReadFile("var/lib/small/a.conf"));
    }
}
