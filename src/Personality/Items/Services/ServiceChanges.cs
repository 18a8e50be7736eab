using System.Text.Json;
using Personality.Files;

namespace Personality.Items.Services;

/// <summary>One service at one run level that a personality switched, and how it was before (the image's way).</summary>
public sealed record ChangedService(string Service, int Level, bool WasOn, string By);

/// <summary>
/// The services personalities have changed from the image's setting, kept where those changes
/// persist (the state volume, or a writable root), so that a later boot can put back what the
/// current personalities no longer ask for. Read tolerantly, written atomically and synced.
/// </summary>
public static class ServiceChanges
{
    /// <summary>The file's name in the <see cref="KeptChanges"/> directory.</summary>
    public const string FileName = "services.json";
    private const int MaxBytes = 256 * 1024;

    public static IReadOnlyList<ChangedService> Read(string hostFile)
    {
        try
        {
            var info = new FileInfo(hostFile);
            if (!info.Exists || info.Length > MaxBytes) return [];
            using var doc = JsonDocument.Parse(File.ReadAllBytes(hostFile), new JsonDocumentOptions { MaxDepth = 8 });
            if (!doc.RootElement.TryGetProperty("services", out var list) || list.ValueKind != JsonValueKind.Array) return [];
            var changes = new List<ChangedService>();
            foreach (var e in list.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object) continue;
                var name = Str(e, "service");
                if (name is null || !Personality.Services.ServiceNames.IsValid(name)) continue;
                if (!e.TryGetProperty("level", out var l) || !l.TryGetInt32(out var level) || level is < 0 or > 6) continue;
                if (!e.TryGetProperty("wasOn", out var w) || w.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) continue;
                changes.Add(new ChangedService(name, level, w.GetBoolean(), Str(e, "by") ?? ""));
            }
            return changes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    public static void Write(string hostFile, IReadOnlyList<ChangedService> changes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(hostFile)!);
        AtomicFile.Write(hostFile, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartArray("services");
            foreach (var c in changes.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Level))
            {
                json.WriteStartObject();
                json.WriteString("service", c.Service);
                json.WriteNumber("level", c.Level);
                json.WriteBoolean("wasOn", c.WasOn);
                json.WriteString("by", c.By);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }, 0x1A4, durable: true);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
