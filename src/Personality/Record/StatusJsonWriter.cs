using System.Text.Encodings.Web;
using System.Text.Json;
using Personality.Core;

namespace Personality.Record;

/// <summary>
/// Writes status.json (schemaVersion 1) with Utf8JsonWriter: no reflection, a fixed field
/// order, and a stable shape for `personality status` and for scripts.
/// </summary>
public static class StatusJsonWriter
{
    public const string GuestPath = "/var/run/personality/status.json";

    public static byte[] Serialize(RunRecord record)
    {
        using var buffer = new MemoryStream();
        Serialize(record, buffer);
        return buffer.ToArray();
    }

    /// <summary>Streams the record: a 1000-entry boot writes ~700 KB, which need not sit in memory twice.</summary>
    public static void Serialize(RunRecord record, Stream output)
    {
        var buffer = output;
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", RunRecord.SchemaVersion);
            json.WriteString("tool", $"personality {Program.Version}");
            json.WriteString("command", record.Command);
            json.WriteString("root", record.Root.Directory);
            json.WriteString("result", record.Result.ToString().ToLowerInvariant());
            if (record.Personality is not null) json.WriteString("personality", record.Personality);
            if (record.DisabledReason is not null) json.WriteString("disabledReason", record.DisabledReason);
            json.WriteString("startedAt", record.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteNumber("totalMs", Math.Round(record.TotalMilliseconds, 3));

            json.WriteStartArray("settings");
            foreach (var s in record.Settings?.All ?? [])
            {
                json.WriteStartObject();
                json.WriteString("key", s.Key);
                json.WriteString("value", s.Value);
                json.WriteString("source", s.Source);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("volumes");
            foreach (var v in record.Volumes)
            {
                json.WriteStartObject();
                json.WriteString("role", v.Role);
                json.WriteString("label", v.Label);
                json.WriteString("device", v.Device);
                json.WriteString("uuid", v.Uuid);
                json.WriteString("type", v.FsType);
                json.WriteNumber("appearedMs", v.AppearedMs);
                json.WriteString("mountPoint", v.MountPoint);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("steps");
            foreach (var step in record.Steps)
            {
                json.WriteStartObject();
                json.WriteString("stage", step.Stage);
                json.WriteString("action", step.Action);
                json.WriteString("target", step.Target);
                if (step.Source is not null) json.WriteString("source", step.Source);
                json.WriteString("origin", step.Origin.ToString());
                json.WriteString("result", (step.Outcome?.Result.ToString() ?? "planned").ToLowerInvariant());
                foreach (var (name, value) in step.RecordFields) json.WriteString(name, value);
                json.WriteNumber("ms", Math.Round(step.Milliseconds, 3));
                var detail = Join(step.Note, step.Outcome?.Detail);
                if (detail is not null) json.WriteString("detail", detail);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            WriteDiagnostics(json, "warnings", record.Diagnostics.All.Where(d => d.Severity == Severity.Warning));
            WriteDiagnostics(json, "errors", record.Diagnostics.All.Where(d => d.Severity == Severity.Error));
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";

    private static void WriteDiagnostics(Utf8JsonWriter json, string name, IEnumerable<Diagnostic> diagnostics)
    {
        json.WriteStartArray(name);
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("message", d.Message);
            if (d.Origin is { } o) json.WriteString("origin", o.ToString());
            if (d.Hint is not null) json.WriteString("hint", d.Hint);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Writes the record atomically (temporary name, then rename) so a reader never sees half a file.</summary>
    public static string Write(RunRecord record)
    {
        var path = record.Root.Host(new RootedResolver(record.Root).ResolveForWrite(GuestPath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 16 * 1024))
            Serialize(record, file);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
