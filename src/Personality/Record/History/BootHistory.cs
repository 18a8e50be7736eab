using System.Globalization;
using System.Text.Json;
using Personality.Core;
using Personality.Files;
using static Personality.Files.JsonRecordFile;
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
    public const string RelativePath = Items.KeptChanges.OnStateArea + "/history.json";

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
    public static void Append(TargetRoot root, string guestStateArea, RunRecord record)
    {
        // The state volume is input: never written through a symbolic link on it.
        if (new RootedResolver(root).Moved(guestStateArea + RelativePath) is { } moved) throw new IOException(moved);
        var file = root.Host(guestStateArea + RelativePath);
        var boots = Read(file, record.Diagnostics, guestStateArea + RelativePath).ToList();
        boots.Add(EntryOf(record, boots.Count > 0 ? boots[^1] : null));
        if (boots.Count > MaxEntries) boots.RemoveRange(0, boots.Count - MaxEntries);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        AtomicFile.Write(file, stream => Write(boots, stream), 0x1A4, durable: true);
    }

    /// <summary>The entries of a history file, oldest first; empty when there is none or it cannot be read.</summary>
    public static IReadOnlyList<HistoryEntry> Read(string hostFile, Diagnostics? diagnostics = null, string? shownAs = null) =>
        JsonRecordFile.Read(hostFile, "boots", Entry, diagnostics, shownAs).TakeLast(MaxEntries).ToList();

    public static void Write(IReadOnlyList<HistoryEntry> boots, Stream output) => JsonRecordFile.Serialize(output, "boots", boots, (json, b) =>
    {
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
    });

    private static HistoryEntry Entry(JsonElement e) => new(
        String(e, "startedAt") ?? "", String(e, "personality"), String(e, "result") ?? "",
        Int(e, "applied") ?? 0, Int(e, "unchanged") ?? 0, Int(e, "skipped") ?? 0, Int(e, "failed") ?? 0,
        e.TryGetProperty("ms", out var ms) && ms.ValueKind == JsonValueKind.Number ? ms.GetDouble() : 0,
        e.TryGetProperty("volumes", out var vs) && vs.ValueKind == JsonValueKind.Array
            ? vs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object)
                .Select(v => new HistoryVolume(String(v, "role") ?? "", String(v, "label") ?? "", String(v, "uuid") ?? "")).ToList()
            : [],
        String(e, "roleChangedFrom"));
}
