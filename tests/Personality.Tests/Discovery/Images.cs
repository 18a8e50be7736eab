namespace Personality.Tests.Discovery;

/// <summary>Real filesystem images made with the real mkfs tools, on plain (sparse) files.</summary>
internal static class Images
{
    private const long MiB = 1024 * 1024;

    /// <summary>Every recipe <see cref="Make"/> knows, for theories that compare with blkid.</summary>
    public static readonly string[] Recipes =
    [
        "ext2", "ext3", "ext4", "ext4-unlabelled", "ext4-without-metadata-csum", "ext4-without-journal",
        "xfs", "xfs-v4", "btrfs", "vfat12", "vfat16", "vfat32", "vfat-unlabelled",
        "iso9660", "iso9660-joliet-long-label", "iso9660-joliet-non-ascii-label",
    ];

    public static string Make(string recipe, TempDirectory dir) => recipe switch
    {
        "ext2" => Ext(dir, "mkfs.ext2", "-L", "legacy"),
        "ext3" => Ext(dir, "mkfs.ext3", "-L", "journal3"),
        "ext4" => Ext(dir, "mkfs.ext4", "-L", "root-data"),
        "ext4-unlabelled" => Ext(dir, "mkfs.ext4"),
        "ext4-without-metadata-csum" => Ext(dir, "mkfs.ext4", "-O", "^metadata_csum", "-L", "nocsum"),
        "ext4-without-journal" => Ext(dir, "mkfs.ext4", "-O", "^has_journal", "-L", "nojournal"),
        "xfs" => Xfs(dir, "xfsdata"),
        "xfs-v4" => Xfs(dir, "xfsold", "-m", "crc=0"),
        "btrfs" => Btrfs(dir, "pool"),
        "vfat12" => Vfat(dir, 1 * MiB, "-F", "12", "-n", "SMALL"),
        "vfat16" => Vfat(dir, 34 * MiB, "-F", "16", "-n", "Boot Part"),
        "vfat32" => Vfat(dir, 64 * MiB, "-F", "32", "-n", "CIDATA"),
        "vfat-unlabelled" => Vfat(dir, 8 * MiB),
        "iso9660" => Iso(dir, "cidata"),
        "iso9660-joliet-long-label" => Iso(dir, "Long Mixed Case Label 2024", "-J"),
        "iso9660-joliet-non-ascii-label" => Iso(dir, "Données été", "-J", "-input-charset", "utf-8"),
        _ => throw new ArgumentException($"unknown image recipe {recipe}", nameof(recipe)),
    };

    public static string Ext(TempDirectory dir, string mkfs, params string[] options)
    {
        var path = Tools.SparseFile(dir.File(mkfs + ".img"), 8 * MiB);
        Tools.Run(mkfs, ["-q", "-F", .. options, path]);
        return path;
    }

    public static string Xfs(TempDirectory dir, string label, params string[] options)
    {
        var path = Tools.SparseFile(dir.File("xfs.img"), 300 * MiB);
        Tools.Run("mkfs.xfs", ["-q", "-f", "-L", label, .. options, path]);
        return path;
    }

    public static string Btrfs(TempDirectory dir, string label)
    {
        var path = Tools.SparseFile(dir.File("btrfs.img"), 120 * MiB);
        Tools.Run("mkfs.btrfs", "-q", "-f", "-L", label, path);
        return path;
    }

    public static string Vfat(TempDirectory dir, long bytes, params string[] options)
    {
        var path = Tools.SparseFile(dir.File("vfat.img"), bytes);
        Tools.Run("mkfs.vfat", [.. options, path]);
        return path;
    }

    public static string Iso(TempDirectory dir, string label, params string[] options)
    {
        var content = Directory.CreateDirectory(dir.File("iso-content")).FullName;
        File.WriteAllText(Path.Combine(content, "meta-data"), "instance-id: test\n");
        var path = dir.File("image.iso");
        Tools.Run("genisoimage", ["-quiet", "-V", label, .. options, "-o", path, content]);
        return path;
    }
}
