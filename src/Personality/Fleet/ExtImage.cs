using Personality.Native;

namespace Personality.Fleet;

/// <summary>
/// Makes an ext3 image from a folder without mounting anything: <c>mkfs.ext2 -t ext3 -d</c>, run through
/// the project's bounded process primitive (<see cref="GuestProcess"/> on the live root "/").
/// </summary>
/// <remarks>
/// The UUID is derived from a seed (<see cref="StableUuid"/>) and the build time is fixed, so an
/// image made from the same folder is the same filesystem (the guest's volume UUID in its boot record does not churn).
/// </remarks>
public static class ExtImage
{
    public const string HostLabel = "PERS_HOST";
    public const string AppLabel = "PERS_APP";
    public const string StateLabel = "stateless-state";

    private static readonly string[] Places = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>The mkfs.ext2 to run, or null when this machine has none.</summary>
    public static string? Program() =>
        Places.Select(p => Path.Combine(p, "mkfs.ext2")).FirstOrDefault(File.Exists);

    /// <summary>
    /// The size of a config volume for <paramref name="content"/>: twice the content in 1 KiB blocks,
    /// at least <paramref name="minimumKiB"/>. A config volume is written at boot too (its state/
    /// tree: the manifest's state paths, what hooks keep), and the image is sparse: room costs nothing.
    /// </summary>
    public static long SizeKiB(FolderContent content, long minimumKiB)
    {
        var blocks = content.Entries.Sum(e => (e.Size + 1023) / 1024 + 1);
        return Math.Max(minimumKiB, 2 * blocks + 512);
    }

    /// <summary>
    /// Inodes: one per 4 KiB as mke2fs gives small filesystems, and never fewer than twice the content
    /// and 256 more. A state volume made with 64 ran out at its first boot (the rc?.d copies of the
    /// statetab, the records), and the guest's writes then failed with ENOSPC and I/O errors.
    /// </summary>
    public static long Inodes(long sizeKiB, int entries) => Math.Max(sizeKiB / 4, 2L * entries + 256);

    /// <summary>Makes <paramref name="image"/> (which must not exist) holding <paramref name="folder"/>, or an empty one when it is null.</summary>
    public static void Make(string image, string label, long sizeKiB, string? folder, int entries, string uuidSeed)
    {
        var program = Program() ?? throw new FleetBuildException("mkfs.ext2 is not installed (package e2fsprogs); it makes the guests' volumes");
        // ext3: a journal, since a guest is stopped by a power cut (virsh destroy; its read-only root
        // has nothing to flush) and an ext2 volume then came back corrupt at the next boot
        // ("freeing already freed block"). Old guest kernels mount ext3 too; 1 MiB is the least journal.
        List<string> arguments = ["-q", "-F", "-t", "ext3", "-J", "size=1", "-L", label, "-b", "1024", "-U", StableUuid.Of(uuidSeed), "-N", $"{Inodes(sizeKiB, entries)}"];
        if (folder is not null) arguments.AddRange(["-d", folder]);
        arguments.AddRange([image, $"{sizeKiB}k"]);
        var result = GuestProcess.Run(new GuestProcessRequest("/", program, arguments,
            new Dictionary<string, string> { ["E2FSPROGS_FAKE_TIME"] = "1000000000" }, Timeout, 8 * 1024));
        if (result.ExitCode == 0) return;
        var why = result.StartError ?? (result.TimedOut ? $"timed out after {Timeout.TotalSeconds:F0} s" : $"exit {result.ExitCode?.ToString() ?? $"by signal {result.Signal}"}");
        throw new FleetBuildException($"mkfs.ext2 could not make {image} ({why}): {result.Output.Trim()}");
    }
}
