using System.Text.Encodings.Web;
using System.Text.Json;
using Personality.Files;
using Personality.Native;
using Personality.Core;
using Personality.Pipeline;
using F = Personality.Record.StatusSchema;

namespace Personality.Record;

/// <summary>
/// Writes status.json with Utf8JsonWriter: no reflection, a fixed field order, the field names
/// of <see cref="StatusSchema"/>, and a stable shape for `personality status` and for scripts.
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

    public static void Serialize(RunRecord record, Stream output)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber(F.SchemaVersion, F.Version);
            json.WriteString(F.Tool, $"personality {Program.Version}");
            json.WriteString(F.Command, record.Command);
            json.WriteString(F.Root, record.Root.Directory);
            json.WriteString(F.Result, record.Result.ToString().ToLowerInvariant());
            if (record.Personality is not null) json.WriteString(F.Personality, record.Personality);
            if (record.DisabledReason is not null) json.WriteString(F.DisabledReason, record.DisabledReason);
            json.WriteString(F.StartedAt, record.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteNumber(F.TotalMs, Math.Round(record.TotalMilliseconds, 3));

            json.WriteStartArray(F.Settings);
            foreach (var s in record.Settings?.All ?? [])
            {
                json.WriteStartObject();
                json.WriteString(F.Key, s.Key);
                json.WriteString(F.Value, s.Value);
                json.WriteString(F.Source, s.Source);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray(F.Volumes);
            foreach (var v in record.Volumes)
            {
                json.WriteStartObject();
                json.WriteString(F.Role, v.Role);
                json.WriteString(F.Label, v.Label);
                json.WriteString(F.Device, v.Device);
                json.WriteString(F.Uuid, v.Uuid);
                json.WriteString(F.Type, v.FsType);
                json.WriteNumber(F.AppearedMs, v.AppearedMs);
                json.WriteString(F.MountPoint, v.MountPoint);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray(F.Steps);
            foreach (var entry in record.Steps)
            {
                WriteStep(json, entry);
                // Stream as we go: 1000 steps are ~500 KB, whose doubling buffers would stay in memory.
                if (json.BytesPending > 16 * 1024) json.Flush();
            }
            json.WriteEndArray();

            WriteDiagnostics(json, F.Warnings, record.Diagnostics.All.Where(d => d.Severity == Severity.Warning));
            WriteDiagnostics(json, F.Errors, record.Diagnostics.All.Where(d => d.Severity == Severity.Error));
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }

    private static void WriteStep(Utf8JsonWriter json, LedgerEntry entry)
    {
        var (step, outcome) = (entry.Step, entry.Outcome);
        json.WriteStartObject();
        json.WriteString(F.Stage, step.Stage.Text());
        json.WriteString(F.Action, step.Action);
        json.WriteString(F.Target, step.Target);
        if (step.Source is not null) json.WriteString(F.Source, step.Source);
        json.WriteString(F.Origin, step.Origin.ToString());
        json.WriteString(F.Result, outcome.Result.ToString().ToLowerInvariant());
        if (step.Levels is not null) json.WriteString(F.Levels, step.Levels);
        if (outcome.FellBackTo is not null) json.WriteString(F.FellBackTo, outcome.FellBackTo);
        if (outcome.MountedReadOnly) json.WriteBoolean(F.ReadOnly, true);
        json.WriteNumber(F.Ms, Math.Round(entry.Milliseconds, 3));
        var detail = Join(step.Note, outcome.Detail);
        if (detail is not null) json.WriteString(F.Detail, detail);
        json.WriteEndObject();
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";

    private static void WriteDiagnostics(Utf8JsonWriter json, string name, IEnumerable<Diagnostic> diagnostics)
    {
        json.WriteStartArray(name);
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString(F.Message, d.Message);
            if (d.Origin is { } o) json.WriteString(F.Origin, o.ToString());
            if (d.Hint is not null) json.WriteString(F.Hint, d.Hint);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// Writes the record atomically, so a reader never sees half a file. When that fails (the
    /// rename or the temporary file: EIO, EPERM), the record is written in place instead: no record,
    /// or the last boot's describing a boot that did not happen, is worse than a torn one.
    /// </summary>
    public static string Write(RunRecord record)
    {
        var path = record.Root.Host(new RootedResolver(record.Root).ResolveForWrite(GuestPath));
        var directory = Path.GetDirectoryName(path)!;
        // mkdir of a directory that is already there can only say so; any other failure of it
        // (an I/O error) must not cost the record when the directory is there to write into.
        try { Directory.CreateDirectory(directory); }
        catch (IOException) when (Directory.Exists(directory)) { }
        try
        {
            AtomicFile.Write(path, stream => Serialize(record, stream), 0x1A4); // 0644; streamed: 1000 steps are ~700 KB
        }
        catch (Exception e) when (e is NativeException or IOException)
        {
            try { AtomicFile.WriteInPlace(path, stream => Serialize(record, stream), 0x1A4); }
            catch (Exception again) when (again is NativeException or IOException) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e); }
        }
        return path;
    }
}
