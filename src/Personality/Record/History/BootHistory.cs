using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Personality.Files;
using Personality.Pipeline;

namespace Personality.Record.History;

/// <summary>
/// The last <see cref="MaxEntries"/> boots, kept on the state volume (it outlives the boot; the
/// scratch area does not) as <see cref="RelativePath"/> below the state area. Written atomically
/// and synced; read tolerantly (a damaged file reads as what it still has, and is replaced).
/// </summary>
public static class BootHistory
{
    public const int MaxEntries = 20;
    public const string RelativePath = "/.personality/history.json";
    /// <summary>Read at most this much: 20 entries are a few KiB; anything bigger is not ours.</summary>
    private const int MaxBytes = 256 * 1024;

    /// <summary>The entry for a finished boot, naming a role change against the previous entry.</summary>
    public static HistoryEntry EntryOf(RunRecord record, HistoryEntry? previous) => new(
        record.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        record.Personality,
        record.Result.ToString().ToLowerInvariant(),
        record.Count(StepResult.Applied), record.Count(StepResult.Unchanged), record.Count(StepResult.Skipped), record.Count(StepResult.Failed),
        Math.Round(record.TotalMilliseconds, 1),
        record.Volumes.Select(v => new HistoryVolume(v.Role, v.Label, v.Uuid)).ToList(),
        previous is not null && previous.Personality != record.Personality ? previous.Personality ?? "none" : null);

    /// <summary>Adds <paramref name="record"/>'s boot to the history file below <paramref name="hostStateArea"/>, keeping the last <see cref="MaxEntries"/>.</summary>
    public static void Append(string hostStateArea, RunRecord record)
    {
        var file = hostStateArea + RelativePath;
        var boots = Read(file).ToList();
        boots.Add(EntryOf(record, boots.Count > 0 ? boots[^1] : null));
        if (boots.Count > MaxEntries) boots.RemoveRange(0, boots.Count - MaxEntries);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        AtomicFile.Write(file, stream => Write(boots, stream), 0x1A4, durable: true);
    }

    /// <summary>The entries of a history file, oldest first; empty when there is none or it cannot be read.</summary>
    public static IReadOnlyList<HistoryEntry> Read(string hostFile)
    {
        try
        {
            var info = new FileInfo(hostFile);
            if (!info.Exists || info.Length > MaxBytes) return [];
            using var doc = JsonDocument.Parse(File.ReadAllBytes(hostFile), new JsonDocumentOptions { MaxDepth = 8 });
            if (!doc.RootElement.TryGetProperty("boots", out var boots) || boots.ValueKind != JsonValueKind.Array) return [];
            return boots.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object).Select(Entry).TakeLast(MaxEntries).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    public static void Write(IReadOnlyList<HistoryEntry> boots, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteStartArray("boots");
        foreach (var b in boots)
        {
            json.WriteStartObject();
            json.WriteString("startedAt", b.StartedAt);
            if (b.Personality is not null) json.WriteString("personality", b.Personality);
            json.WriteString("result", b.Result);
            json.WriteNumber("applied", b.Applied);
            json.WriteNumber("unchanged", b.Unchanged);
            json.WriteNumber("skipped", b.Skipped);
            json.WriteNumber("failed", b.Failed);
            json.WriteNumber("ms", b.DurationMs);
            json.WriteStartArray("volumes");
            foreach (var v in b.Volumes)
            {
                json.WriteStartObject();
                json.WriteString("role", v.Role);
                json.WriteString("label", v.Label);
                json.WriteString("uuid", v.Uuid);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (b.RoleChangedFrom is not null) json.WriteString("roleChangedFrom", b.RoleChangedFrom);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static HistoryEntry Entry(JsonElement e) => new(
        Str(e, "startedAt") ?? "", Str(e, "personality"), Str(e, "result") ?? "",
        Int(e, "applied"), Int(e, "unchanged"), Int(e, "skipped"), Int(e, "failed"),
        e.TryGetProperty("ms", out var ms) && ms.ValueKind == JsonValueKind.Number ? ms.GetDouble() : 0,
        e.TryGetProperty("volumes", out var vs) && vs.ValueKind == JsonValueKind.Array
            ? vs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object)
                .Select(v => new HistoryVolume(Str(v, "role") ?? "", Str(v, "label") ?? "", Str(v, "uuid") ?? "")).ToList()
            : [],
        Str(e, "roleChangedFrom"));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var i) ? i : 0;
}
