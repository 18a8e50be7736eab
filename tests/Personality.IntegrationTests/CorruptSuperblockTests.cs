using System.Text.RegularExpressions;
using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>
/// A state volume whose superblock checksum no longer matches (one byte of the label changed after mkfs)
/// is reported as corrupt, by device, and never mounted: state is not kept on a damaged filesystem.
/// </summary>
[Collection("root")]
public sealed class CorruptSuperblockTests(ITestOutputHelper output)
{
    // ext4: superblock at 1024, s_volume_name at 0x78 (16 bytes), metadata_csum on by default (crc at 0x3FC).
    private const long Ext4LabelOffset = 1024 + 0x78;

    // xfs v5: sb_fname at 108 (12 bytes), sb_crc at 224.
    private const long XfsLabelOffset = 108;

    [Fact]
    public void Ext4WithMetadataCsumAndACorruptLabelByteIsReportedAndNotMounted()
    {
        var label = Labels.Unique();
        using var volume = EditedLoopImage.Create(FsType.Ext4, label, image =>
        {
            // mkfs defaults really give metadata_csum, or the test proves nothing.
            var features = Shell.Check("dumpe2fs", "-h", image).Stdout;
            Assert.Contains("metadata_csum", features);
            Corrupt(image, Ext4LabelOffset, label);
        });
        Check(volume, "ext4");
    }

    [Fact]
    public void XfsV5WithACorruptLabelByteIsReportedAndNotMounted()
    {
        var label = Labels.Unique();
        using var volume = EditedLoopImage.Create(FsType.Xfs, label, image =>
        {
            // sb_versionnum's low nibble is 5 on a v5 (crc) filesystem.
            var version = EditedLoopImage.ReadByte(image, 0x64) << 8 | EditedLoopImage.ReadByte(image, 0x65);
            Assert.True((version & 0xF) == 5, $"mkfs.xfs made a v{version & 0xF} filesystem, expected v5 (crc=1)");
            Corrupt(image, XfsLabelOffset, label);
        });
        Check(volume, "xfs");
    }

    private void Corrupt(string image, long offset, string label)
    {
        var before = EditedLoopImage.ReadByte(image, offset);
        Assert.True(before == (byte)label[0], $"byte {offset} is 0x{before:x2}, expected the label's first character '{label[0]}'");
        EditedLoopImage.WriteByte(image, offset, (byte)(before ^ 0x20)); // 'p' -> 'P': still a printable label
        output.WriteLine($"{image}: byte {offset} 0x{before:x2} -> 0x{before ^ 0x20:x2}");
        // The byte really is part of the label (blkid, which does not verify these checksums, shows the new one).
        var probe = Shell.Run("blkid", ["-p", "-o", "export", image]);
        output.WriteLine("blkid -p: " + probe.ExitCode + "\n" + probe.Stdout + probe.Stderr);
        Assert.DoesNotContain($"LABEL={label}\n", probe.Stdout);
    }

    private void Check(EditedLoopImage volume, string type)
    {
        using var tree = GuestTree.Create("corrupt-" + type);
        tree.WriteReadonlyRoot(Labels.Unique(), volume.Label);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/foo\n");
        tree.Seed("/var/lib/foo", isDirectory: true);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        output.WriteLine(boot.Describe());

        // A warning names exactly this device and says corrupt.
        var dev = new Regex(Regex.Escape(volume.Device) + "(?![0-9])");
        var named = status.Warnings.Where(w => dev.IsMatch(w.Message)).ToList();
        Expect.True(named.Any(w => w.Message.Contains("corrupt", StringComparison.OrdinalIgnoreCase)),
            $"no warning names {volume.Device} as corrupt; warnings naming it:\n  {string.Join("\n  ", named)}", boot);
        Expect.True(named.Any(w => w.Message.Contains(type, StringComparison.Ordinal)),
            $"the warning about {volume.Device} does not say it is {type}", boot);

        // Not used: no state area, no state volume recorded, no statetab copy or bind.
        Expect.NoMountAt(boot, tree, GuestTree.StateMount);
        Expect.True(boot.Mounts.All(m => m.Source != volume.Device), $"{volume.Device} is mounted somewhere", boot);
        Expect.True(status.Volume("state") is null, $"a state volume is recorded: {status.Volume("state")}", boot);
        Expect.NoMountAt(boot, tree, "/var/lib/foo");
        var statetab = status.Steps.Where(s => s.Stage == "statetab" && s.Result is "applied" or "unchanged").ToList();
        Expect.True(statetab.Count == 0, "statetab steps ran without a state volume:\n  " + string.Join("\n  ", statetab), boot);

        // The statetab is recorded as skipped for lack of a state volume, at the statetab (a skip, not a
        // warning: running without state is allowed unless REQUIRED_LABELS says otherwise).
        var missing = status.Steps.Where(s => s.Stage == "statetab" && s.Result == "skipped" &&
                                              (s.Origin ?? "").StartsWith("/etc/statetab", StringComparison.Ordinal) &&
                                              (s.Detail ?? "").Contains("no state volume", StringComparison.Ordinal)).ToList();
        Expect.True(missing.Count == 1, $"expected one skipped statetab step for the missing state volume, found {missing.Count}", boot);
        Expect.True(missing[0].Detail!.Contains(volume.Label, StringComparison.Ordinal), "the skipped step does not name the label looked for", boot);

        // The rest of the boot still happens.
        Expect.MountAt(boot, tree, "/tmp");
        Expect.True(status.Errors.Count == 0, "a corrupt optional volume is a warning, not an error", boot);
    }
}
