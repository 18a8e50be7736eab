namespace Personality.IntegrationTests.Harness;

/// <summary>
/// A freshly made filesystem image whose bytes a test changes after mkfs and before losetup (a corrupt
/// superblock, say), then attached read-write to a loop device. Dispose always detaches the device and
/// deletes the image, even when the test or the attach failed.
/// </summary>
public sealed class EditedLoopImage : IDisposable
{
    private readonly TempDir _dir;
    private bool _disposed;

    private EditedLoopImage(TempDir dir, string image, string label, FsType type)
    {
        _dir = dir;
        ImagePath = image;
        Label = label;
        Type = type;
    }

    public string ImagePath { get; }
    public string Label { get; }
    public FsType Type { get; }

    /// <summary>The loop device, e.g. /dev/loop3; empty until attached.</summary>
    public string Device { get; private set; } = "";

    /// <summary>
    /// Makes an empty ext2/3/4 or xfs filesystem labelled <paramref name="label"/> (mkfs defaults: ext4 has
    /// metadata_csum, xfs is v5 with crc), runs <paramref name="edit"/> on the image file, then attaches it.
    /// </summary>
    public static EditedLoopImage Create(FsType type, string label, Action<string> edit)
    {
        RequireRoot.Check();
        if (!type.IsExt() && type != FsType.Xfs)
            throw new ArgumentException($"only ext2/3/4 and xfs images are supported here, not {type.Name()}");
        var dir = new TempDir("edited-" + type.Name());
        var image = Path.Combine(dir.Path, $"{label}.{type.Name()}.img");
        var result = new EditedLoopImage(dir, image, label, type);
        try
        {
            using (var f = File.Create(image))
                f.SetLength(type.MinimumBytes()); // sparse
            if (type == FsType.Xfs)
                Shell.Check("mkfs.xfs", "-q", "-f", "-L", label, image);
            else
                Shell.Check($"mkfs.{type.Name()}", "-q", "-F", "-L", label, image);
            edit(image);
            result.Attach();
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>The byte at <paramref name="offset"/> of an image file.</summary>
    public static byte ReadByte(string image, long offset)
    {
        using var f = new FileStream(image, FileMode.Open, FileAccess.Read);
        f.Position = offset;
        var b = f.ReadByte();
        return b < 0 ? throw new IOException($"{image} is shorter than {offset + 1} bytes") : (byte)b;
    }

    /// <summary>Overwrites one byte of an image file and flushes it to disk.</summary>
    public static void WriteByte(string image, long offset, byte value)
    {
        using var f = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
        f.Position = offset;
        f.WriteByte(value);
        f.Flush(flushToDisk: true);
    }

    public override string ToString() => $"{Device} ({Type.Name()} label {Label}, {ImagePath}, edited)";

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        AttachedImages.Remove(ImagePath);
        LoopDevice.Release(Device, ImagePath, _dir);
    }

    private void Attach()
    {
        Device = LoopDevice.Attach(ImagePath);
        AttachedImages.Add(new AttachedImage(Label, ImagePath, Device, Type, ReadOnly: false, Edited: true));
    }

}
