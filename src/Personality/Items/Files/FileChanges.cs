using System.Text.Json;
using Personality.Files;

namespace Personality.Items.Files;

/// <summary>A file a personality placed where it persists; <see cref="SavedOriginal"/> holds what was there before (null: nothing).</summary>
public sealed record PlacedFile(string Path, string? SavedOriginal, string By);

/// <summary>
/// The files personalities have placed where they persist, kept in the <see cref="KeptChanges"/>
/// directory with the originals they replaced (below <see cref="OriginalsDirectory"/>), so a later
/// role that does not place them gets the originals back. Read tolerantly, written atomically.
/// </summary>
public static class FileChanges
{
    public const string FileName = "files.json";
    public const string OriginalsDirectory = "files-before";
    private const int MaxBytes = 256 * 1024;

    public static IReadOnlyList<PlacedFile> Read(string hostFile)
    {
        try
        {
            var info = new FileInfo(hostFile);
            if (!info.Exists || info.Length > MaxBytes) return [];
            using var doc = JsonDocument.Parse(File.ReadAllBytes(hostFile), new JsonDocumentOptions { MaxDepth = 8 });
            if (!doc.RootElement.TryGetProperty("files", out var list) || list.ValueKind != JsonValueKind.Array) return [];
            var files = new List<PlacedFile>();
            foreach (var e in list.EnumerateArray())
            {
                var path = Str(e, "path");
                // Only plain absolute guest paths: the record lives on a volume, and is input like any other.
                if (path is null || !Core.GuestPath.TryNormalise(path, out var normal, out _) || normal != path) continue;
                var saved = Str(e, "savedOriginal");
                if (saved is not null && (!Core.GuestPath.TryNormalise(saved, out var s, out _) || s != saved)) continue;
                files.Add(new PlacedFile(path, saved, Str(e, "by") ?? ""));
            }
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    public static void Write(string hostFile, IReadOnlyList<PlacedFile> files)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(hostFile)!);
        AtomicFile.Write(hostFile, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartArray("files");
            foreach (var f in files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", f.Path);
                if (f.SavedOriginal is not null) json.WriteString("savedOriginal", f.SavedOriginal);
                json.WriteString("by", f.By);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }, 0x1A4, durable: true);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
