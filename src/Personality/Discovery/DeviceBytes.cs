namespace Personality.Discovery;

/// <summary>
/// The bytes of one device that the probes look at. The first read covers every superblock
/// near the start (ext, xfs, vfat, iso9660); anything further (btrfs at 64 KiB, a FAT root
/// directory) is read on demand, so a typical probe costs one or two small reads.
/// </summary>
internal sealed class DeviceBytes
{
    /// <summary>Covers the iso9660 descriptors at 32 KiB plus a few that follow.</summary>
    public const int HeadLength = 0xA000;

    private readonly string _path;
    private readonly Func<string, long, int, byte[]> _read;
    private readonly List<(long Offset, byte[] Data)> _chunks = [];
    private long _knownEnd = long.MaxValue;

    public DeviceBytes(string path, Func<string, long, int, byte[]> read)
    {
        _path = path;
        _read = read;
        Load(0, HeadLength);
    }

    public string Path => _path;

    /// <summary>Number of bytes read from the device so far (tests keep this small).</summary>
    public long BytesRead { get; private set; }

    /// <summary>The requested range, or an empty span when the device ends before it does.</summary>
    public ReadOnlySpan<byte> Get(long offset, int length)
    {
        if (offset < 0 || length <= 0 || offset + length > _knownEnd)
            return [];
        foreach (var (start, data) in _chunks)
        {
            if (offset >= start && offset + length <= start + data.Length)
                return data.AsSpan((int)(offset - start), length);
        }
        var loaded = Load(offset, length);
        return loaded.Length == length ? loaded : [];
    }

    private byte[] Load(long offset, int length)
    {
        var data = _read(_path, offset, length);
        BytesRead += data.Length;
        if (data.Length < length)
            _knownEnd = Math.Min(_knownEnd, offset + data.Length);
        _chunks.Add((offset, data));
        return data;
    }
}
