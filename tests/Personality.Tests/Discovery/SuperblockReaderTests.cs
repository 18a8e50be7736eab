using Personality.Discovery;
using Xunit;

namespace Personality.Tests.Discovery;

/// <summary>Real images from the real mkfs tools, read by our code and checked against blkid.</summary>
public sealed class SuperblockReaderTests
{
    private const long MaxBytesPerDevice = 70 * 1024;

    public static TheoryData<string> Recipes => new(Images.Recipes);

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Reads_what_blkid_reads(string recipe)
    {
        using var dir = new TempDirectory();
        var image = Images.Make(recipe, dir);
        var expected = Tools.Blkid(image);

        var probe = new SuperblockReader().Probe(image);

        Assert.Null(probe.Problem);
        Assert.Equal(expected, (probe.FsType ?? "", probe.Label, probe.Uuid));
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Reads_at_most_70_KiB_per_device(string recipe)
    {
        using var dir = new TempDirectory();
        var image = Images.Make(recipe, dir);
        long bytes = 0;
        var reads = 0;
        var reader = new SuperblockReader((path, offset, count) =>
        {
            reads++;
            var data = DeviceFile.ReadAt(path, offset, count);
            bytes += data.Length;
            return data;
        });

        Assert.NotNull(reader.Probe(image).FsType);
        Assert.InRange(bytes, 1, MaxBytesPerDevice);
        Assert.InRange(reads, 1, 3);
    }

    [Fact]
    public void Labels_keep_their_case_and_spaces()
    {
        using var dir = new TempDirectory();
        var image = Images.Make("vfat16", dir);

        Assert.Equal("Boot Part", new SuperblockReader().Probe(image).Label);
    }

    [Fact]
    public void Fat_label_in_the_root_directory_wins_over_the_boot_sector_copy()
    {
        using var dir = new TempDirectory();
        var image = Images.Vfat(dir, 34 * 1024 * 1024, "-F", "16", "-n", "BOOTSECTOR");
        // Rewrite only the boot sector copy (offset 0x2B), as a stale copy left by Windows would be.
        Tools.WriteBytes(image, 0x2B, "STALE      "u8.ToArray());

        var probe = new SuperblockReader().Probe(image);

        Assert.Equal("BOOTSECTOR", probe.Label);
        Assert.Equal(Tools.Blkid(image).Label, probe.Label);
    }

    [Fact]
    public void External_ext_journal_is_not_a_filesystem()
    {
        using var dir = new TempDirectory();
        var image = Images.Ext(dir, "mke2fs", "-O", "journal_dev", "-b", "4096", "-L", "journal");

        var probe = new SuperblockReader().Probe(image);

        Assert.Null(probe.FsType);
        Assert.Null(probe.Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(700)]
    [InlineData(5000)]
    [InlineData(70000)]
    public void Zeroed_or_truncated_file_has_no_type(int length)
    {
        using var dir = new TempDirectory();
        var path = dir.File("zero.img");
        File.WriteAllBytes(path, new byte[length]);

        var probe = new SuperblockReader().Probe(path);

        Assert.Equal(new ProbeResult(null, "", "", null), probe);
    }

    [Fact]
    public void Truncated_ext4_image_has_no_type_instead_of_an_exception()
    {
        using var dir = new TempDirectory();
        var image = Images.Make("ext4", dir);
        using (var file = new FileStream(image, FileMode.Open))
            file.SetLength(1024 + 100); // ends inside the superblock

        var probe = new SuperblockReader().Probe(image);

        Assert.Null(probe.FsType);
        Assert.Null(probe.Problem);
    }

    [Fact]
    public void Directory_is_reported_as_unreadable()
    {
        using var dir = new TempDirectory();

        var probe = new SuperblockReader().Probe(dir.Path);

        Assert.Null(probe.FsType);
        Assert.StartsWith($"cannot read superblock of {dir.Path}: ", probe.Problem);
        Assert.Contains("directory", probe.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Missing_device_node_is_reported_as_unreadable()
    {
        using var dir = new TempDirectory();
        var path = dir.File("vdz");

        var probe = new SuperblockReader().Probe(path);

        Assert.Equal($"cannot read superblock of {path}: no such file or directory", probe.Problem);
    }

    [Fact]
    public void Read_errors_become_problems_naming_the_device()
    {
        var reader = new SuperblockReader((path, _, _) => throw new IOException("input/output error"));

        var probe = reader.Probe("/dev/vdq");

        Assert.Equal("cannot read superblock of /dev/vdq: input/output error", probe.Problem);
    }
}
