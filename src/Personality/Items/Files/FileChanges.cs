using Personality.Core;
using Personality.Files;
using static Personality.Files.JsonRecordFile;

namespace Personality.Items.Files;

/// <summary>A file a personality placed where it persists; <see cref="SavedOriginal"/> holds what was there before (null: nothing).</summary>
public sealed record PlacedFile(string Path, string? SavedOriginal, string By);

/// <summary>
/// The files personalities have placed where they persist, kept in the <see cref="KeptChanges"/>
/// directory with the originals they replaced (below <see cref="OriginalsDirectory"/>), so a later
/// role that does not place them gets the originals back.
/// </summary>
public static class FileChanges
{
    public const string FileName = "files.json";
    public const string OriginalsDirectory = "files-before";

    // Only plain absolute guest paths: the record lives on a volume, and is input like any other.
    public static IReadOnlyList<PlacedFile> Read(string hostFile, Diagnostics? diagnostics = null, string? shownAs = null) => JsonRecordFile.Read(hostFile, "files", e =>
        String(e, "path") is { } path && IsPlain(path) && String(e, "savedOriginal") is var saved && (saved is null || IsPlain(saved))
            ? new PlacedFile(path, saved, String(e, "by") ?? "")
            : null, diagnostics, shownAs);

    public static void Write(string hostFile, IReadOnlyList<PlacedFile> files) =>
        JsonRecordFile.Write(hostFile, "files", files.OrderBy(f => f.Path, StringComparer.Ordinal), (json, f) =>
        {
            json.WriteString("path", f.Path);
            if (f.SavedOriginal is not null) json.WriteString("savedOriginal", f.SavedOriginal);
            json.WriteString("by", f.By);
        });

    private static bool IsPlain(string path) => GuestPath.TryNormalise(path, out var normal, out _) && normal == path;
}
