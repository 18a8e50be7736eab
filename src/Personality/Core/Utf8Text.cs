using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Personality.Core;

/// <summary>
/// Decodes a configuration file that must be UTF-8 text, naming every line that is not: one error
/// per such line, at the line and column of its first bad byte, so a person can find it in an
/// editor (a byte offset does not help there).
/// </summary>
public static class Utf8Text
{
    public const string Hint = "save the file as UTF-8 text";

    /// <summary>
    /// The text (a leading byte-order mark dropped; bytes that are not UTF-8 become U+FFFD, so the
    /// rest of the file can still be checked). False when any line was reported.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, string file, Diagnostics diagnostics, out string text)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        text = Encoding.UTF8.GetString(bytes);
        if (Utf8.IsValid(bytes)) return true;

        var line = 1;
        foreach (var range in bytes.Split((byte)'\n'))
        {
            var lineBytes = bytes[range];
            if (!Utf8.IsValid(lineBytes))
            {
                var (column, bad) = FirstInvalid(lineBytes);
                diagnostics.Error($"this line is not valid UTF-8 text (byte 0x{bad:X2})", new Origin(file, line, column), Hint);
            }
            line++;
        }
        return false;
    }

    /// <summary>The 1-based column (in characters, as the parsers count) of the first bad byte, and that byte.</summary>
    private static (int Column, byte Bad) FirstInvalid(ReadOnlySpan<byte> line)
    {
        var chars = ArrayPool<char>.Shared.Rent(line.Length);
        try
        {
            Utf8.ToUtf16(line, chars, out var read, out var written, replaceInvalidSequences: false);
            return (written + 1, line[read]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
