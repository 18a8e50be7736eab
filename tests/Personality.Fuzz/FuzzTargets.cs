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
        Text("rwtab", (bytes, d) => RwtabParser.Parse(TableText.Decode(bytes), "/etc/rwtab", d)),
        Text("statetab", (bytes, d) => StatetabParser.Parse(TableText.Decode(bytes), "/etc/statetab", d)),
        Text("fstab", (bytes, d) => FstabParser.Parse(Utf8(bytes), "/etc/fstab", d)),
        Text("sysconfig", (bytes, d) => LoadSettings(scratchDirectory, bytes, cmdline: "", d)),
        Text("cmdline", (bytes, d) => LoadSettings(scratchDirectory, null, Utf8(bytes), d)),
        Text("manifest", (bytes, d) => ManifestReader.Parse("PERS_FUZZ", Utf8(bytes), d)),
        Text("ownership", (bytes, d) => OwnershipPolicy.Parse(Utf8(bytes), OwnershipPolicy.GuestFile, d)),
        Superblock("ext", ExtSuperblock.TryProbe, SuperblockFields.Ext),
        Superblock("xfs", XfsSuperblock.TryProbe, SuperblockFields.Xfs),
        Superblock("iso", IsoVolumeDescriptor.TryProbe, SuperblockFields.Iso),
        Superblock("btrfs", BtrfsSuperblock.TryProbe, SuperblockFields.Btrfs),
        Superblock("vfat", FatBootSector.TryProbe, SuperblockFields.Vfat),
    ];

    // Accepted: a result and not one diagnostic.
    private static FuzzTarget Text(string name, Func<byte[], Diagnostics, object?> parse) =>
        new(name, InputKind.Text, bytes =>
        {
            var diagnostics = new Diagnostics();
            return parse(bytes, diagnostics) is not null && diagnostics.All.Count == 0;
        }, []);

    // Accepted: the probe alone and the whole reader both recognise the type, with no Problem.
    private static FuzzTarget Superblock(string name, Func<DeviceBytes, ProbeResult?> probe, int[] fields) =>
        new(name, InputKind.Superblock, image =>
        {
            var alone = probe(new DeviceBytes("/dev/fuzz", new InMemoryDevice(image).Read));
            var reader = new SuperblockReader(new InMemoryDevice(image).Read).Probe("/dev/fuzz");
            return alone is { FsType: not null, Problem: null } && reader.Problem is null && reader.FsType == alone.FsType;
        }, fields);

    // File.ReadAllText's decoding: invalid UTF-8 becomes U+FFFD, as it does at boot.
    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    // The settings stage reads its files from a root; the sysconfig text goes into both of them.
    private static EffectiveSettings LoadSettings(string root, byte[]? sysconfig, string cmdline, Diagnostics diagnostics)
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
        return SettingsLoader.Load(target, cmdline, diagnostics);
    }
}
