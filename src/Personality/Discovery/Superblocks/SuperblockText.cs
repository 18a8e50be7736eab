using System.Text;

namespace Personality.Discovery;

/// <summary>Turns raw superblock bytes into the label and UUID text blkid would print.</summary>
internal static class SuperblockText
{
    /// <summary>A 16-byte UUID as 8-4-4-4-12 lowercase hex; "" when all zero (no UUID set).</summary>
    public static string Uuid(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyExcept((byte)0))
            return "";
        var hex = Convert.ToHexStringLower(bytes[..16]);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    /// <summary>A NUL-padded UTF-8 label, cut at the first NUL, trailing blanks removed.</summary>
    public static string Utf8Label(ReadOnlySpan<byte> bytes) => Trim(Encoding.UTF8.GetString(UpToNul(bytes)));

    /// <summary>A space-padded single-byte label (FAT, iso9660); Latin-1 keeps every byte as one char.</summary>
    public static string ByteLabel(ReadOnlySpan<byte> bytes) => Trim(Encoding.Latin1.GetString(UpToNul(bytes)));

    private static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        return nul < 0 ? bytes : bytes[..nul];
    }

    private static string Trim(string text) => text.TrimEnd(' ', '\t', '\n', '\r', '\0');
}
