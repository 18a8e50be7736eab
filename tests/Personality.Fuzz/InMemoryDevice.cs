namespace Personality.Fuzz;

/// <summary>
/// A device that is a byte array, read like pread(2): short at the end, empty past it. It refuses
/// requests no real probe should make (negative offsets, huge lengths, endless re-reading), so a
/// crafted superblock that steers a reader into them counts as a crash.
/// </summary>
public sealed class InMemoryDevice(byte[] image)
{
    /// <summary>The largest single read a probe has reason to make (a 64 KiB sector is already absurd).</summary>
    public const int MaxReadLength = 1 << 20;

    /// <summary>Many more bytes than every probe together reads from a real device.</summary>
    public const long MaxTotalRead = 16L << 20;

    private long _totalRead;

    public byte[] Read(string path, long offset, int length)
    {
        if (offset < 0 || length < 0 || length > MaxReadLength)
            throw new FuzzViolationException($"read of {length} bytes at offset {offset}");
        _totalRead += length;
        if (_totalRead > MaxTotalRead)
            throw new FuzzViolationException($"probes read over {MaxTotalRead} bytes");
        if (offset >= image.Length)
            return [];
        return image.AsSpan((int)offset, (int)Math.Min(length, image.Length - offset)).ToArray();
    }
}

/// <summary>A target did something the product must never do, though no exception of its own was thrown.</summary>
public sealed class FuzzViolationException(string message) : Exception(message);
