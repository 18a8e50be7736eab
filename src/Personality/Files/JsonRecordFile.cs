using System.Text.Encodings.Web;
using System.Text.Json;

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
    public static IReadOnlyList<T> Read<T>(string hostFile, string arrayName, Func<JsonElement, T?> entry) where T : class
    {
        try
        {
            var info = new FileInfo(hostFile);
            if (!info.Exists || info.Length > MaxBytes) return [];
            using var doc = JsonDocument.Parse(File.ReadAllBytes(hostFile), new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(arrayName, out var list)
                || list.ValueKind != JsonValueKind.Array) return [];
            return list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(entry).OfType<T>().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
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
