using System.Text.Encodings.Web;
using System.Text.Json;

namespace Personality.Status;

/// <summary>
/// `personality status --json` (schemaVersion 1): fixed field order, fields never renamed.
/// <code>
/// { "schemaVersion": 1, "result": "degraded", "exitCode": 1,
///   "statusFile": "/var/run/personality/status.json", "recordedResult": "applied",
///   "bootInProgress": false, "bootPid": null, "problem": null,
///   "drift": [ { "kind": "bind", "target": "/var/log", "expected": "...", "actual": "...", "origin": "/etc/rwtab:3:6" } ],
///   "record": { ...status.json as written... } }
/// </code>
/// "record" is null when there is none; "recordedResult" is the run's own verdict before drift.
/// </summary>
public static class StatusJsonOutput
{
    public static void Write(Stream output, StatusReport report)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", StatusReport.SchemaVersion);
            json.WriteString("result", report.Result);
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteString("statusFile", report.StatusFile);
            if (report.Record is { } r) json.WriteString("recordedResult", r.Result);
            else json.WriteNull("recordedResult");
            json.WriteBoolean("bootInProgress", report.BootPid is not null);
            if (report.BootPid is { } pid) json.WriteNumber("bootPid", pid);
            else json.WriteNull("bootPid");
            if (report.Problem is { } problem) json.WriteString("problem", problem);
            else json.WriteNull("problem");
            json.WriteStartArray("drift");
            foreach (var d in report.Drift)
            {
                json.WriteStartObject();
                json.WriteString("kind", d.Kind);
                json.WriteString("target", d.Target);
                json.WriteString("expected", d.Expected);
                json.WriteString("actual", d.Actual);
                if (d.Origin is { } o) json.WriteString("origin", o);
                else json.WriteNull("origin");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WritePropertyName("record");
            if (report.Record is { } record) record.Json.WriteTo(json);
            else json.WriteNullValue();
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }

    public static string ToText(StatusReport report)
    {
        using var buffer = new MemoryStream();
        Write(buffer, report);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
