using System.Text;

namespace Personality.Files;

/// <summary>
/// Names of the hidden siblings files and copies are built under (".NAME.personality-tmp") before being
/// renamed into place, so an interrupted copy never shows at the real name.
/// </summary>
public static class TemporaryNames
{
    public const string Suffix = ".personality-tmp";

    // NAME_MAX is 255 bytes: the leading dot and the suffix must still fit.
    private const int MaxNameBytes = 255 - 1 - 16;

    /// <summary>The temporary sibling of <paramref name="path"/> (an absolute path without a trailing slash).</summary>
    public static string For(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        if (name.Length == 0) throw new ArgumentException($"not a path to a directory entry: '{path}'", nameof(path));
        return string.Concat(path.AsSpan(0, slash + 1), ".", Fit(name), Suffix);
    }

    /// <summary>True for a directory entry name made by <see cref="For"/>.</summary>
    public static bool IsTemporary(string name) =>
        name.Length > Suffix.Length + 1 && name[0] == '.' && name.EndsWith(Suffix, StringComparison.Ordinal);

    private static string Fit(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxNameBytes) return name;
        // Long names are cut (whole characters only); copies run one at a time, so a clash between
        // two cut names is only ever with a stale leftover, which is removed first anyway.
        var length = name.Length;
        while (Encoding.UTF8.GetByteCount(name.AsSpan(0, length)) > MaxNameBytes) length--;
        if (length > 0 && char.IsHighSurrogate(name[length - 1])) length--;
        return name[..length];
    }
}
