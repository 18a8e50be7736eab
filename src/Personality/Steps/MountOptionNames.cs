using Personality.Core;

namespace Personality.Steps;

/// <summary>
/// The mount options `personality validate` knows, by filesystem: the flags every filesystem
/// takes, the ones only mount(8) and other tools read, and each supported filesystem's own
/// (mount(8), tmpfs(5), ext4(5), xfs(5), btrfs(5), the kernel's vfat and isofs documentation).
/// A misspelt option ("nodve") otherwise passes until the kernel refuses the mount at boot.
/// </summary>
public static class MountOptionNames
{
    // Valid anywhere: besides the mount(2) flags, what mount(8) reads itself or passes to any filesystem.
    private static readonly string[] Generic =
    [
        "silent", "loud", "iversion", "noiversion", "nostrictatime", "nolazytime", "nosymfollow", "remount",
        "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
        "context", "fscontext", "defcontext", "rootcontext", "loop", "offset", "sizelimit", "encryption", "helper", "uhelper",
        "comment",
    ];

    private static readonly Dictionary<string, string[]> ByFilesystem = new(StringComparer.Ordinal)
    {
        ["tmpfs"] =
        [
            "size", "nr_blocks", "nr_inodes", "mode", "uid", "gid", "huge", "mpol", "inode32", "inode64", "noswap",
            "quota", "usrquota", "grpquota", "usrquota_block_hardlimit", "usrquota_inode_hardlimit",
            "grpquota_block_hardlimit", "grpquota_inode_hardlimit",
        ],
        ["ext4"] =
        [
            "acl", "noacl", "user_xattr", "nouser_xattr", "bsddf", "minixdf", "check", "nocheck", "debug", "errors",
            "grpid", "bsdgroups", "nogrpid", "sysvgroups", "grpquota", "noquota", "quota", "usrquota", "prjquota",
            "resgid", "resuid", "sb", "nouid32", "oldalloc", "orlov", "journal", "journal_dev", "journal_path",
            "norecovery", "noload", "data", "data_err", "barrier", "nobarrier", "commit", "jqfmt", "usrjquota",
            "grpjquota", "journal_checksum", "nojournal_checksum", "journal_async_commit", "inode_readahead_blks",
            "stripe", "delalloc", "nodelalloc", "max_batch_time", "min_batch_time", "journal_ioprio", "abort",
            "auto_da_alloc", "noauto_da_alloc", "noinit_itable", "init_itable", "discard", "nodiscard",
            "block_validity", "noblock_validity", "dioread_lock", "dioread_nolock", "i_version", "dax", "nombcache",
            "no_mbcache", "prefetch_block_bitmaps", "no_prefetch_block_bitmaps", "mb_optimize_scan", "nobh", "bh",
            "reservation", "noreservation", "test_dummy_encryption", "inlinecrypt",
        ],
        ["xfs"] =
        [
            "allocsize", "attr2", "noattr2", "dax", "discard", "nodiscard", "grpid", "bsdgroups", "nogrpid",
            "sysvgroups", "filestreams", "ikeep", "noikeep", "inode32", "inode64", "largeio", "nolargeio", "logbufs",
            "logbsize", "logdev", "rtdev", "noalign", "norecovery", "nouuid", "noquota", "uquota", "usrquota",
            "uqnoenforce", "quota", "pquota", "prjquota", "pqnoenforce", "gquota", "grpquota", "gqnoenforce",
            "sunit", "swidth", "swalloc", "wsync", "barrier", "nobarrier", "lifetime",
        ],
        ["btrfs"] =
        [
            "acl", "noacl", "autodefrag", "noautodefrag", "barrier", "nobarrier", "check_int", "check_int_data",
            "check_int_print_mask", "clear_cache", "commit", "compress", "compress-force", "datacow", "nodatacow",
            "datasum", "nodatasum", "degraded", "device", "discard", "nodiscard", "enospc_debug", "noenospc_debug",
            "fatal_errors", "flushoncommit", "noflushoncommit", "fragment", "nologreplay", "max_inline",
            "metadata_ratio", "norecovery", "rescan_uuid_tree", "rescue", "skip_balance", "space_cache",
            "nospace_cache", "ssd", "ssd_spread", "nossd", "nossd_spread", "subvol", "subvolid", "subvolrootid",
            "thread_pool", "treelog", "notreelog", "usebackuproot", "user_subvol_rm_allowed", "inode_cache",
            "noinode_cache", "recovery", "alloc_start",
        ],
        ["vfat"] =
        [
            "blocksize", "uid", "gid", "umask", "dmask", "fmask", "allow_utime", "check", "codepage", "conv",
            "cvf_format", "cvf_option", "debug", "discard", "dos1xfloppy", "errors", "fat", "iocharset", "nfs", "tz",
            "time_offset", "quiet", "rodir", "showexec", "sys_immutable", "flush", "usefree", "dots", "nodots",
            "dotsOK", "shortname", "uni_xlate", "posix", "nonumtail", "utf8",
        ],
        ["iso9660"] =
        [
            "norock", "nojoliet", "check", "uid", "gid", "map", "mode", "dmode", "unhide", "hide", "block", "conv",
            "cruft", "session", "sbsector", "iocharset", "utf8", "overriderockperm", "showassoc",
        ],
    };

    // Other names of the same filesystems.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["ext2"] = "ext4", ["ext3"] = "ext4", ["msdos"] = "vfat", ["fat"] = "vfat", ["udf"] = "iso9660",
    };

    /// <summary>The filesystems discovery supports (what "auto" or a labelled volume can turn out to be).</summary>
    private static readonly string[] VolumeFilesystems = ["ext4", "xfs", "btrfs", "vfat", "iso9660"];

    /// <summary>
    /// True when this class can judge options for <paramref name="fsType"/>: a filesystem it knows,
    /// or null/"auto" (any volume filesystem). Other types (nfs, proc, cifs) have options of their own.
    /// </summary>
    public static bool Knows(string? fsType) => fsType is null or "auto" || ByFilesystem.ContainsKey(Canonical(fsType));

    /// <summary>
    /// True when <paramref name="option"/> ("nodev", "size=64m") is valid for <paramref name="fsType"/>;
    /// null or "auto" means any volume filesystem.
    /// </summary>
    public static bool IsKnown(string option, string? fsType)
    {
        var name = Name(option);
        if (MountOptions.FlagNames.Contains(name) || MountOptions.UserSpaceOnly.Contains(name) || Generic.Contains(name)) return true;
        if (name.StartsWith("x-", StringComparison.OrdinalIgnoreCase)) return true; // x-systemd.*, x-gvfs-*: for other tools
        return Candidates(fsType).Any(fs => ByFilesystem[fs].Contains(name));
    }

    /// <summary>
    /// The problem with each option of <paramref name="options"/> this class knows to be wrong for
    /// <paramref name="fsType"/>, as (option, message, hint); nothing for a filesystem it does not know.
    /// </summary>
    public static IEnumerable<(string Option, string Message, string Hint)> Unknown(IEnumerable<string> options, string? fsType)
    {
        if (!Knows(fsType)) yield break;
        foreach (var option in options)
        {
            if (option.Length == 0 || IsKnown(option, fsType)) continue;
            var on = fsType is null or "auto" ? "" : $" for {fsType}";
            var suggestion = Suggest(option, fsType);
            yield return (option, $"unknown mount option '{option}'{on}",
                suggestion is null ? "see mount(8) and the filesystem's own manual page" : $"did you mean '{suggestion}'?");
        }
    }

    /// <summary>The known option closest to a misspelt one, or null.</summary>
    public static string? Suggest(string option, string? fsType) =>
        Spelling.Closest(Name(option), [.. MountOptions.FlagNames, .. MountOptions.UserSpaceOnly, .. Candidates(fsType).SelectMany(fs => ByFilesystem[fs])]);

    private static IEnumerable<string> Candidates(string? fsType) =>
        fsType is null or "auto" ? VolumeFilesystems : ByFilesystem.ContainsKey(Canonical(fsType)) ? [Canonical(fsType)] : [];

    private static string Canonical(string fsType) => Aliases.GetValueOrDefault(fsType, fsType);

    private static string Name(string option)
    {
        var eq = option.IndexOf('=');
        return eq < 0 ? option : option[..eq];
    }
}
