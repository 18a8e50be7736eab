using Personality.Discovery;
using Xunit;

namespace Personality.Tests.Discovery;

/// <summary>A superblock whose magic matches but whose checksum or geometry is wrong is refused.</summary>
public sealed class CorruptSuperblockTests
{
    [Theory]
    [InlineData("ext4", 1024 + 0x78)]      // s_volume_name, covered by metadata_csum
    [InlineData("xfs", 108)]               // sb_fname, covered by the v5 crc
    [InlineData("btrfs", 65536 + 0x12B)]   // label, covered by the superblock csum
    public void Flipped_label_byte_fails_the_checksum(string recipe, long labelOffset)
    {
        using var dir = new TempDirectory();
        var image = Images.Make(recipe, dir);
        Assert.Null(new SuperblockReader().Probe(image).Problem);

        Tools.FlipByte(image, labelOffset);
        var probe = new SuperblockReader().Probe(image);

        Assert.Equal(recipe, probe.FsType);
        Assert.StartsWith($"corrupt {recipe} superblock on {image}: checksum mismatch", probe.Problem);
        Assert.Equal("", probe.Label);
        Assert.Equal("", probe.Uuid);
    }

    [Fact]
    public void Ext_block_size_out_of_range_is_corrupt()
    {
        using var dir = new TempDirectory();
        var image = Images.Make("ext2", dir); // no checksum, so only the sanity check can catch it
        Tools.WriteBytes(image, 1024 + 0x18, [9, 0, 0, 0]);

        var probe = new SuperblockReader().Probe(image);

        Assert.Equal("ext2", probe.FsType);
        Assert.StartsWith($"corrupt ext2 superblock on {image}: block size", probe.Problem);
    }

    [Fact]
    public void Xfs_block_size_not_a_power_of_two_is_corrupt()
    {
        using var dir = new TempDirectory();
        var image = Images.Make("xfs-v4", dir);
        Tools.WriteBytes(image, 4, [0, 0, 0x10, 0x01]);

        var probe = new SuperblockReader().Probe(image);

        Assert.Equal("xfs", probe.FsType);
        Assert.StartsWith($"corrupt xfs superblock on {image}: block size 4097", probe.Problem);
    }

    [Fact]
    public void Label_change_on_ext_without_metadata_csum_is_simply_read()
    {
        using var dir = new TempDirectory();
        var image = Images.Make("ext4-without-metadata-csum", dir);
        Tools.FlipByte(image, 1024 + 0x78); // 'n' -> 'N': nothing to check it against

        var probe = new SuperblockReader().Probe(image);

        Assert.Null(probe.Problem);
        Assert.Equal("Nocsum", probe.Label);
    }
}
