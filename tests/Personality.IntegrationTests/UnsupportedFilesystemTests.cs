using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>
/// A scratch device this kernel cannot mount (vfat on a kernel without it) is named in a warning and the
/// scratch area falls back to tmpfs with RW_OPTIONS, as Red Hat's "mount -L, else tmpfs" does; the rwtab
/// entries are still bound. On a kernel with vfat the device is used and wiped instead.
/// </summary>
[Collection("root")]
public sealed class UnsupportedFilesystemTests(ITestOutputHelper output)
{
    [Fact]
    public void VfatScratchDeviceIsUsedWhenTheKernelHasVfatElseNamedAndReplacedByTmpfs()
    {
        var label = Labels.UniqueUpper();
        using var junk = new TempDir("vfat-junk");
        File.WriteAllText(Path.Combine(junk.Path, "JUNK.TXT"), "left over\n");
        using var volume = LoopVolume.Create(FsType.Vfat, label, populateFrom: junk.Path);
        using var tree = GuestTree.Create("vfat-fallback");
        tree.WriteReadonlyRoot(label, Labels.Unique(), ("RW_OPTIONS", "-o size=6m"));
        tree.WriteRwtab("dirs /var/log\nfiles /var/lib/app\nempty /tmp\n");
        tree.Seed("/var/lib/app", isDirectory: true);

        var obs = tree.Run($"boot 1 ''\nnote scratch \"$(ls -A \"$ROOT{GuestTree.RwMount}\")\"\nnote app \"$(cat \"$ROOT/var/lib/app/seed.txt\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        var v = status.Volume("scratch");
        Expect.True(v is not null && v.Device == volume.Device && v.Type == "vfat" && v.Label == label,
            $"the scratch device should be found by its superblock whatever the kernel: expected {volume}, got {v}", boot);
        var scratch = Expect.MountAt(boot, tree, GuestTree.RwMount);

        // /proc/filesystems is what the kernel can mount right now, without loading a module.
        var kernelHasVfat = File.ReadLines("/proc/filesystems").Any(l => l.Split('\t').Last().Trim() == "vfat");
        if (!kernelHasVfat)
        {
            output.WriteLine($"branch: the kernel has no vfat (/proc/filesystems): expecting a warning naming {volume.Device} and the tmpfs fallback");
            var named = status.Warnings.Where(w => w.Message.Contains(volume.Device, StringComparison.Ordinal)).ToList();
            Expect.True(named.Any(w => w.Message.Contains("not support", StringComparison.Ordinal)),
                $"no warning names {volume.Device} and says the kernel does not support vfat:\n  {string.Join("\n  ", named)}", boot);
            Expect.True(scratch.FsType == "tmpfs", $"expected the tmpfs fallback, got {scratch}", boot);
            Expect.True(scratch.SuperOptions.Split(',').Contains("size=6144k"), $"the fallback tmpfs ignores RW_OPTIONS -o size=6m: {scratch}", boot);
            var mount = Expect.Step(boot, GuestTree.RwMount, "mount", "applied");
            Expect.True((mount.Detail ?? "").Contains("tmpfs", StringComparison.Ordinal), $"the mount step does not say it fell back to tmpfs: {mount}", boot);
            Expect.True(status.Errors.Count == 0, "a scratch fallback is a warning, not an error", boot);
            Expect.Result("degraded", boot);
            foreach (var path in new[] { "/var/log", "/var/lib/app", "/tmp" })
            {
                var m = Expect.MountAt(boot, tree, path);
                Expect.True(m.FsType == "tmpfs" && m.MajorMinor == scratch.MajorMinor, $"{path} is not bound from the fallback tmpfs: {m}", boot);
                Expect.Step(boot, path, "bind", "applied", "/etc/rwtab");
            }
            Expect.True(boot.Mounts.All(m => m.Source != volume.Device), $"{volume.Device} is mounted although the kernel has no vfat", boot);
            Assert.Contains("JUNK.TXT", volume.ListFiles()); // not mounted, so not wiped
        }
        else
        {
            output.WriteLine($"branch: the kernel has vfat: expecting {volume.Device} mounted on {GuestTree.RwMount} and wiped");
            Expect.True(scratch.Source == volume.Device && scratch.FsType == "vfat", $"scratch area is {scratch}, expected {volume}", boot);
            Expect.Step(boot, GuestTree.RwMount, "wipe", "applied");
            Assert.DoesNotContain("JUNK.TXT", obs.Note("scratch").Split('\n'));
            foreach (var path in new[] { "/var/log", "/var/lib/app", "/tmp" })
                Expect.True(Expect.MountAt(boot, tree, path).Source == volume.Device, $"{path} is not bound from {volume.Device}", boot);
        }
        Assert.Equal($"seed of /var/lib/app", obs.Note("app"));
    }
}
