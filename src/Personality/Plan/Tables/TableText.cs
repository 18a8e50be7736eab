using Personality.Native;

namespace Personality.Plan.Tables;

/// <summary>
/// The text of an rwtab or statetab. Every path in it is bytes, as Red Hat's shell reads them: a
/// path that is not UTF-8 is kept byte for byte (<see cref="PathBytes"/>), never turned into U+FFFD
/// and then dropped as "does not exist".
/// </summary>
public static class TableText
{
    public static string Read(string hostFile) => Decode(File.ReadAllBytes(hostFile));

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..]; // an editor's byte-order mark is no part of the first line
        return PathBytes.Decode(bytes);
    }
}
