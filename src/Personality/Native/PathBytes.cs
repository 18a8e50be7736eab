using System.Text;
using System.Text.Unicode;

namespace Personality.Native;

/// <summary>
/// A Linux path is bytes; a .NET string is UTF-16. Paths that are valid UTF-8 are carried as their
/// text; every byte that is not part of valid UTF-8 is carried as the lone surrogate U+DC00 + byte
/// (U+DC80..U+DCFF, Python's "surrogateescape"), which no valid text contains. So a table line naming
/// /var/lib/caf\xE9 (Latin-1) reaches lstat, mount and the copy as those very bytes
/// (<see cref="PathMarshaller"/>), as it does in Red Hat's shell, instead of as a mangled name that
/// "does not exist".
/// </summary>
public static class PathBytes
{
    private const char FirstEscape = '\uDC80', LastEscape = '\uDCFF';

    /// <summary>The text of <paramref name="bytes"/>, with each byte that is not UTF-8 escaped.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var text = new StringBuilder(bytes.Length);
        Span<char> chars = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                text.Append(chars[..rune.EncodeToUtf16(chars)]);
            }
            else
            {
                // The bytes of the bad sequence, one escape each (never an ASCII byte: those are always valid).
                foreach (var b in bytes[..used]) text.Append((char)(0xDC00 + b));
            }
            bytes = bytes[used..];
        }
        return text.ToString();
    }

    /// <summary>True when <paramref name="text"/> carries escaped bytes.</summary>
    public static bool HasEscapes(string text) => text.AsSpan().IndexOfAnyInRange(FirstEscape, LastEscape) >= 0;

    /// <summary>The bytes <paramref name="text"/> stands for, without a terminating NUL.</summary>
    public static byte[] Encode(string text)
    {
        var bytes = new byte[MaxByteCount(text)];
        return bytes[..Encode(text, bytes)];
    }

    /// <summary>Enough bytes for <see cref="Encode(string, Span{byte})"/>: 3 per UTF-16 unit.</summary>
    public static int MaxByteCount(string text) => checked(text.Length * 3);

    /// <summary>Exactly how many bytes <see cref="Encode(string, Span{byte})"/> writes.</summary>
    public static int ByteCount(string text)
    {
        if (!HasEscapes(text)) return Encoding.UTF8.GetByteCount(text);
        var count = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsEscape(text, i)) continue;
            count += Encoding.UTF8.GetByteCount(text.AsSpan(start, i - start)) + 1;
            start = i + 1;
        }
        return count + Encoding.UTF8.GetByteCount(text.AsSpan(start));
    }

    /// <summary>Writes the bytes <paramref name="text"/> stands for; returns how many.</summary>
    public static int Encode(string text, Span<byte> destination)
    {
        if (!HasEscapes(text)) return Encoding.UTF8.GetBytes(text, destination);
        var written = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsEscape(text, i)) continue;
            written += Encoding.UTF8.GetBytes(text.AsSpan(start, i - start), destination[written..]);
            destination[written++] = (byte)(text[i] - 0xDC00);
            start = i + 1;
        }
        return written + Encoding.UTF8.GetBytes(text.AsSpan(start), destination[written..]);
    }

    // An escape is a lone low surrogate: one that follows a high surrogate is half of a real character.
    private static bool IsEscape(string text, int i) =>
        text[i] is >= FirstEscape and <= LastEscape && !(i > 0 && char.IsHighSurrogate(text[i - 1]));
}
