using System.Text;

namespace Personality.Native;

/// <summary>
/// Keeps the last <c>limit</c> bytes of a stream in a ring, so a process writing gigabytes costs
/// at most <c>limit</c> bytes of memory. The ring grows to the limit only as output arrives.
/// </summary>
internal sealed class OutputTail(int limit)
{
    private byte[] _ring = [];
    private int _next;     // where the next byte goes
    private bool _wrapped; // the ring is at the limit and full: the oldest byte is at _next

    public long TotalBytes { get; private set; }
    public bool Truncated => TotalBytes > limit;

    public void Append(ReadOnlySpan<byte> data)
    {
        TotalBytes += data.Length;
        if (data.Length >= limit)
        {
            Grow(limit);
            data[^limit..].CopyTo(_ring);
            (_next, _wrapped) = (0, true);
            return;
        }
        if (!_wrapped) Grow(Math.Min(limit, _next + data.Length));
        var first = Math.Min(data.Length, _ring.Length - _next);
        data[..first].CopyTo(_ring.AsSpan(_next));
        data[first..].CopyTo(_ring);
        _next += data.Length;
        if (_next >= limit) (_next, _wrapped) = (_next - limit, true);
    }

    /// <summary>The kept bytes as text; invalid UTF-8 becomes U+FFFD, a character cut by the ring is dropped.</summary>
    public string Text()
    {
        if (!_wrapped) return Encoding.UTF8.GetString(_ring, 0, _next);
        var bytes = new byte[limit];
        _ring.AsSpan(_next).CopyTo(bytes);
        _ring.AsSpan(0, _next).CopyTo(bytes.AsSpan(limit - _next));
        var start = 0;
        while (Truncated && start < 3 && start < bytes.Length && (bytes[start] & 0xC0) == 0x80) start++;
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>Only before wrapping: the bytes are then still in order from index 0.</summary>
    private void Grow(int needed)
    {
        if (_ring.Length >= needed) return;
        var size = (int)Math.Min(limit, Math.Max(needed, Math.Max(4096L, 2L * _ring.Length)));
        Array.Resize(ref _ring, size);
    }
}
