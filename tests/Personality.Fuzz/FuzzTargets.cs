using System.Text;
using Personality.Core;
using Personality.Discovery;
using Personality.Manifests;
using Personality.Ownership;
using Personality.Plan.Tables;
using Personality.Settings;

namespace Personality.Fuzz;

/// <summary>
/// Every parser of untrusted or hand-edited input, each fed the way the product feeds it. The
/// superblock targets run one probe on its own (so an ext seed's mutants reach the ext code) and
/// then the whole <see cref="SuperblockReader"/>, which promises never to throw.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All(string scratchDirectory) =>
    [
        Text("rwtab", bytes => RwtabParser.Parse(TableText.Decode(bytes), "/etc/rwtab", new Diagnostics())),
        Text("statetab", bytes => StatetabParser.Parse(TableText.Decode(bytes), "/etc/statetab", new Diagnostics())),
        Text("fstab", bytes => FstabParser.Parse(Utf8(bytes), "/etc/fstab", new Diagnostics())),
        Text("sysconfig", bytes => LoadSettings(scratchDirectory, bytes, cmdline: "")),
        Text("cmdline", bytes => LoadSettings(scratchDirectory, null, Utf8(bytes))),
        Text("manifest", bytes => ManifestReader.Parse("PERS_FUZZ", Utf8(bytes), new Diagnostics())),
        Text("ownership", bytes => OwnershipPolicy.Parse(Utf8(bytes), OwnershipPolicy.GuestFile, new Diagnostics())),
        Superblock("ext", ExtSuperblock.TryProbe, SuperblockFields.Ext),
        Superblock("xfs", XfsSuperblock.TryProbe, SuperblockFields.Xfs),
        Superblock("iso", IsoVolumeDescriptor.TryProbe, SuperblockFields.Iso),
        Superblock("btrfs", BtrfsSuperblock.TryProbe, SuperblockFields.Btrfs),
        Superblock("vfat", FatBootSector.TryProbe, SuperblockFields.Vfat),
    ];

    private static FuzzTarget Text(string name, Action<byte[]> run) => new(name, InputKind.Text, run, []);

    private static FuzzTarget Superblock(string name, Func<DeviceBytes, ProbeResult?> probe, int[] fields) =>
        new(name, InputKind.Superblock, image =>
        {
            probe(new DeviceBytes("/dev/fuzz", new InMemoryDevice(image).Read));
            new SuperblockReader(new InMemoryDevice(image).Read).Probe("/dev/fuzz");
        }, fields);

    // File.ReadAllText's decoding: invalid UTF-8 becomes U+FFFD, as it does at boot.
    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    // The settings stage reads its files from a root; the sysconfig text goes into both of them.
    private static void LoadSettings(string root, byte[]? sysconfig, string cmdline)
    {
        var target = new TargetRoot(root);
        foreach (var guestFile in new[] { SettingsCatalog.PersonalityFile, SettingsCatalog.ReadonlyRootFile })
        {
            var hostFile = target.Host(guestFile);
            if (sysconfig is null)
            {
                File.Delete(hostFile);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(hostFile)!);
            File.WriteAllBytes(hostFile, sysconfig);
        }
        if (sysconfig is not null)
            ShellVariablesParser.Parse(Utf8(sysconfig), SettingsCatalog.PersonalityFile, new Diagnostics());
        KernelCommandLine.Words(cmdline);
        SettingsLoader.Load(target, cmdline, new Diagnostics());
    }
}
