using System.Text.Encodings.Web;
using System.Text.Json;
using Personality.Core;

namespace Personality.Files;

/// <summary>
/// The one shape of the small records boot keeps between boots (history, service and file
/// changes): <c>{"schemaVersion": 1, "NAME": [ ... ]}</c>, read tolerantly (missing, too big, or
/// damaged reads as empty; a bad entry is dropped) and written atomically and synced.
/// </summary>
public static class JsonRecordFile
{
    /// <summary>More than any record of ours: a bigger file is not ours, and is not read.</summary>
    private const int MaxBytes = 256 * 1024;

    /// <param name="entry">The entry of one array element, or null to drop it.</param>
    /// <param name="diagnostics">Where a damaged file or dropped entries are reported (as warnings naming <paramref name="shownAs"/>), if anywhere.</param>
    public static IReadOnlyList<T> Read<T>(string hostFile, string arrayName, Func<JsonElement, T?> entry,
        Diagnostics? diagnostics = null, string? shownAs = null) where T : class
    {
        var name = shownAs ?? hostFile;
        const string hint = "it is written anew at the end of this boot; what it held is not known to this boot";
        try
        {
            var info = new FileInfo(hostFile);
            if (!info.Exists) return [];
            if (info.Length > MaxBytes)
            {
                diagnostics?.Warn($"{name} is {info.Length} bytes, more than any record of ours ({MaxBytes}); it is not read", Origin.Of(name), hint);
                return [];
            }
            using var doc = JsonDocument.Parse(File.ReadAllBytes(hostFile), new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(arrayName, out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                diagnostics?.Warn($"{name} has no \"{arrayName}\" list; it is not read", Origin.Of(name), hint);
                return [];
            }
            var all = list.EnumerateArray().ToList();
            var entries = all.Where(e => e.ValueKind == JsonValueKind.Object).Select(entry).OfType<T>().ToList();
            if (entries.Count < all.Count)
                diagnostics?.Warn($"{all.Count - entries.Count} of the {all.Count} entries of {name} are not understood and are left out", Origin.Of(name),
                    "they are dropped when the record is next written");
            return entries;
        }
        catch (JsonException e)
        {
            diagnostics?.Warn($"{name} is not valid JSON ({e.Message}); it is not read",
                new Origin(name, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), hint);
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics?.Warn($"{name} cannot be read ({e.Message})", Origin.Of(name), hint);
            return [];
        }
    }

    public static void Write<T>(string hostFile, string arrayName, IEnumerable<T> entries, Action<Utf8JsonWriter, T> writeEntry)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(hostFile)!);
        AtomicFile.Write(hostFile, stream => Serialize(stream, arrayName, entries, writeEntry), 0x1A4, durable: true);
    }

    public static void Serialize<T>(Stream stream, string arrayName, IEnumerable<T> entries, Action<Utf8JsonWriter, T> writeEntry)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteStartArray(arrayName);
        foreach (var e in entries)
        {
            json.WriteStartObject();
            writeEntry(json, e);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    public static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var i) ? i : null;

    public static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean() : null;
}
