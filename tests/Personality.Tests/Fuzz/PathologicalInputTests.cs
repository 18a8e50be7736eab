using System.Text;
using Personality.Core;
using Personality.Discovery;
using Personality.Manifests;
using Personality.Ownership;
using Personality.Plan.Tables;
using Personality.Settings;

namespace Personality.Tests.Fuzz;

/// <summary>
/// The shapes tests/Personality.Fuzz generates on purpose, pinned as tests: each parser must
/// answer with diagnostics or a null result, never throw, overflow its stack or hang.
/// </summary>
public class PathologicalInputTests
{
    private const string Header = "version: 1\nrole: app\n";

    public static TheoryData<string> Yaml() => new()
    {
        Header + "state: " + new string('[', 30_000) + new string(']', 30_000) + "\n",
        Header + "state: " + string.Concat(Enumerable.Repeat("{a: ", 15_000)) + new string('}', 15_000) + "\n",
        Header + string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "- \n")),
        Header + "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat(Enumerable.Range(1, 10).Select(i => $"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n")),
        Header + "state: *nowhere\nfiles: &f\n  - *f\n",
        Header + "hostname: " + new string('x', 60_000) + "\n",
        Header + "\0\uFFFD\u2028: [\t\"\n",
    };

    [Theory]
    [MemberData(nameof(Yaml))]
    public void Manifest_reader_reports_instead_of_throwing(string yaml)
    {
        var diagnostics = new Diagnostics();
        var manifest = ManifestReader.Parse("PERS_FUZZ", yaml, diagnostics);
        Assert.True(manifest is not null || diagnostics.HasErrors);
    }

    [Theory]
    [MemberData(nameof(Yaml))]
    public void Ownership_reader_reports_instead_of_throwing(string yaml)
    {
        var diagnostics = new Diagnostics();
        var policy = OwnershipPolicy.Parse(yaml, OwnershipPolicy.GuestFile, diagnostics);
        Assert.True(policy is not null || diagnostics.HasErrors);
    }

    public static TheoryData<byte[]> Tables() => new()
    {
        Encoding.UTF8.GetBytes("empty\t" + new string('/', 200_000) + "\n"),
        (byte[])[.. "dirs /a\0b\n"u8, 0xFF, 0xC3, (byte)'\n', .. "files \"/x\\"u8],
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("files /etc/a \"b\" 'c' \\040\r\n", 5000))),
        Encoding.UTF8.GetBytes("\uFEFF\uFEFF# only a comment"),
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Table_parsers_report_instead_of_throwing(byte[] bytes)
    {
        var text = TableText.Decode(bytes);
        RwtabParser.Parse(text, "/etc/rwtab", new Diagnostics());
        StatetabParser.Parse(text, "/etc/statetab", new Diagnostics());
        FstabParser.Parse(text, "/etc/fstab", new Diagnostics());
        ShellVariablesParser.Parse(text, SettingsCatalog.PersonalityFile, new Diagnostics());
        KernelCommandLine.Words(text);
    }

    public static TheoryData<string, int, long> SuperblockFields() => new()
    {
        { "vfat", 0x0B, 0xFFFF }, // bytes per sector
        { "vfat", 0x2C, 0xFFFFFFFF }, // FAT32 root cluster
        { "vfat", 0x0D, 0x80 }, // sectors per cluster
        { "ext", 1024 + 0x18, 0xFFFFFFFF }, // log block size
        { "ext", 1024 + 0x64, 0xFFFFFFFF }, // every read-only feature, metadata_csum among them
        { "xfs", 102, 0 }, // sector size
        { "xfs", 100, 0xFFFF }, // version (5: checksummed)
        { "btrfs", 65536 + 0x90, 0xFFFFFFFF }, // sector size
        { "btrfs", 65536 + 0xC4, 0xFFFF }, // checksum type
    };

    // One type's signature, then one field at an edge value: the reader must answer, not throw.
    [Theory]
    [MemberData(nameof(SuperblockFields))]
    public void Superblock_reader_answers_for_edge_values(string type, int offset, long value)
    {
        var image = new byte[70 * 1024];
        switch (type)
        {
            case "vfat":
                image[510] = 0x55; image[511] = 0xAA;
                "FAT32   "u8.CopyTo(image.AsSpan(0x52));
                image[0x0B] = 0; image[0x0C] = 2; image[0x0D] = 1; image[0x0E] = 32; image[0x10] = 2; image[0x15] = 0xF8; image[0x24] = 1;
                break;
            case "ext": image[1024 + 0x38] = 0x53; image[1024 + 0x39] = 0xEF; break;
            case "xfs": "XFSB"u8.CopyTo(image); image[6] = 0x10; image[102] = 2; break;
            case "btrfs": "_BHRfS_M"u8.CopyTo(image.AsSpan(65536 + 0x40)); break;
        }
        // Two-byte fields get two bytes, so the field after them keeps its value.
        BitConverter.GetBytes((uint)value).AsSpan(0, value <= 0xFFFF ? 2 : 4).CopyTo(image.AsSpan(offset));

        var result = new SuperblockReader((_, at, length) =>
            at >= image.Length ? [] : image.AsSpan((int)at, (int)Math.Min(length, image.Length - at)).ToArray()).Probe("/dev/fuzz");

        Assert.NotNull(result);
    }
}
