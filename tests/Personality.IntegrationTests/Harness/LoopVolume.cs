namespace Personality.IntegrationTests.Harness;

/// <summary>
/// A labelled filesystem in a sparse image file, attached to a loop device. Dispose always detaches
/// the device (retrying while the kernel still holds it) and deletes the image, even when a test failed.
/// </summary>
public sealed class LoopVolume : IDisposable
{
    private readonly TempDir _dir;
    private bool _disposed;

    private LoopVolume(TempDir dir, string image, string label, FsType type, bool readOnly)
    {
        _dir = dir;
        ImagePath = image;
        Label = label;
        Type = type;
        ReadOnly = readOnly;
    }

    public string ImagePath { get; }
    public string Label { get; }
    public FsType Type { get; }
    public bool ReadOnly { get; }

    /// <summary>The loop device, e.g. /dev/loop3.</summary>
    public string Device { get; private set; } = "";

    /// <summary>The filesystem UUID as blkid reports it (iso9660: its creation time stamp).</summary>
    public string Uuid { get; private set; } = "";

    /// <summary>
    /// Makes an image of <paramref name="type"/> labelled <paramref name="label"/>, optionally holding the
    /// files of <paramref name="populateFrom"/>, and attaches it. iso9660 is always attached read-only.
    /// </summary>
    public static LoopVolume Create(FsType type, string label, string? populateFrom = null, long? sizeBytes = null, bool readOnly = false)
    {
        RequireRoot.Check();
        var dir = new TempDir("vol-" + type.Name());
        var image = Path.Combine(dir.Path, $"{label}.{type.Name()}.img");
        var volume = new LoopVolume(dir, image, label, type, readOnly || type == FsType.Iso9660);
        try
        {
            volume.MakeFilesystem(populateFrom, Math.Max(sizeBytes ?? 0, type == FsType.Iso9660 ? 0 : type.MinimumBytes()));
            if (populateFrom is not null && type == FsType.Vfat)
                PopulateVfat(image, populateFrom); // mtools: no kernel vfat needed
            volume.Attach();
            if (populateFrom is not null && type == FsType.Xfs)
                volume.WithMounted(readOnly: false, "cp -a \"$SRC\"/. \"$MNT\"/", new Dictionary<string, string> { ["SRC"] = populateFrom });
            volume.Uuid = Shell.Run("blkid", ["-p", "-s", "UUID", "-o", "value", volume.Device]).Stdout.Trim();
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a bash script with the volume mounted at $MNT in a throw-away private mount namespace,
    /// e.g. to put junk on it before a boot or to list it afterwards. Returns the script's stdout.
    /// </summary>
    public string WithMounted(bool readOnly, string script, IReadOnlyDictionary<string, string>? env = null)
    {
        var mnt = _dir.Sub("mnt");
        var all = new Dictionary<string, string>(env ?? new Dictionary<string, string>()) { ["MNT"] = mnt, ["DEV"] = Device };
        var opts = readOnly || ReadOnly ? "ro" : "rw";
        var r = Namespace.Run($"set -euo pipefail\nmount -o {opts} -t {Type.Name()} \"$DEV\" \"$MNT\"\n{script}\n", all);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"script on {Device} ({Label}) failed:\n{r}");
        return r.Stdout;
    }

    /// <summary>
    /// Every path on the volume (relative, sorted), directories with a trailing slash (not for iso9660
    /// read with isoinfo, when the kernel cannot mount it).
    /// </summary>
    public IReadOnlyList<string> ListFiles()
    {
        var text = KernelFilesystems.Supports(Type)
            ? WithMounted(readOnly: true, "cd \"$MNT\" && find . -mindepth 1 \\( -type d -printf '%P/\\n' \\) -o -printf '%P\\n'")
            : Type == FsType.Vfat
                ? Shell.Check("mdir", "-/", "-b", "-i", ImagePath, "::/").Stdout.Replace("::/", "")
                : Shell.Check("isoinfo", "-R", "-f", "-i", ImagePath).Stdout.Replace("\n/", "\n").TrimStart('/');
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Contents of one file on the volume, or null when it is not there.</summary>
    public string? ReadFile(string relativePath)
    {
        var rel = relativePath.TrimStart('/');
        if (!KernelFilesystems.Supports(Type))
        {
            var r = Type == FsType.Vfat
                ? Shell.Run("mtype", ["-i", ImagePath, "::/" + rel])
                : Shell.Run("isoinfo", ["-R", "-i", ImagePath, "-x", "/" + rel]);
            return r.ExitCode == 0 && ListFiles().Contains(rel) ? r.Stdout : null;
        }
        var s = WithMounted(readOnly: true, "f=\"$MNT/$REL\"; if [ -f \"$f\" ]; then printf Y; cat \"$f\"; else printf N; fi",
            new Dictionary<string, string> { ["REL"] = rel });
        return s.StartsWith('Y') ? s[1..] : null;
    }

    public override string ToString() => $"{Device} ({Type.Name()} label {Label}, {ImagePath})";

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        AttachedImages.Remove(ImagePath);
        LoopDevice.Release(Device, ImagePath, _dir);
    }

    private static bool MkfsPopulates(FsType t) => t.IsExt() || t is FsType.Btrfs or FsType.Iso9660;

    private static void PopulateVfat(string image, string from)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
            Shell.Check("mcopy", "-s", "-p", "-i", image, entry, "::/");
    }

    private void MakeFilesystem(string? from, long size)
    {
        if (Type == FsType.Iso9660)
        {
            // An iso needs content; an empty source dir makes an empty (but valid) image.
            var src = from ?? _dir.Sub("empty");
            Shell.Check("genisoimage", "-quiet", "-R", "-V", Label, "-o", ImagePath, src);
            return;
        }
        using (var f = File.Create(ImagePath))
            f.SetLength(size); // sparse
        var populate = from is not null && MkfsPopulates(Type);
        switch (Type)
        {
            case FsType.Ext2 or FsType.Ext3 or FsType.Ext4:
                Shell.Check($"mkfs.{Type.Name()}", [.. new[] { "-q", "-F", "-L", Label }, .. populate ? new[] { "-d", from! } : [], ImagePath]);
                break;
            case FsType.Xfs:
                Shell.Check("mkfs.xfs", "-q", "-f", "-L", Label, ImagePath);
                break;
            case FsType.Btrfs:
                Shell.Check("mkfs.btrfs", [.. new[] { "-q", "-f", "-L", Label }, .. populate ? new[] { "--rootdir", from! } : [], ImagePath]);
                break;
            case FsType.Vfat:
                Shell.Check("mkfs.vfat", "-n", Label, ImagePath);
                break;
        }
    }

    private void Attach()
    {
        Device = LoopDevice.Attach(ImagePath, ReadOnly);
        AttachedImages.Add(new AttachedImage(Label, ImagePath, Device, Type, ReadOnly, Edited: false));
    }

}
