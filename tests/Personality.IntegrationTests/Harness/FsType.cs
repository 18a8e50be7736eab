namespace Personality.IntegrationTests.Harness;

/// <summary>Filesystem types the binary must recognise by superblock. The name is what blkid and /proc/mounts call it.</summary>
public enum FsType { Ext2, Ext3, Ext4, Xfs, Btrfs, Vfat, Iso9660 }

public static class FsTypeExtensions
{
    public static string Name(this FsType t) => t.ToString().ToLowerInvariant();

    /// <summary>Smallest sparse image each mkfs accepts (xfs wants 300 MB, btrfs about 114 MB).</summary>
    public static long MinimumBytes(this FsType t) => t switch
    {
        FsType.Xfs => 320L << 20,
        FsType.Btrfs => 128L << 20,
        _ => 16L << 20,
    };

    public static bool IsExt(this FsType t) => t is FsType.Ext2 or FsType.Ext3 or FsType.Ext4;
}
