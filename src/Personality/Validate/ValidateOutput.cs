using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Personality.Core;

namespace Personality.Validate;

/// <summary>Validate's two outputs: compiler-style lines, or JSON (schemaVersion 1).</summary>
public static class ValidateOutput
{
    /// <summary>One "FILE:LINE:COL: error: MESSAGE (HINT)" line per problem, then a summary line.</summary>
    public static void WriteText(TextWriter output, ValidateReport report)
    {
        foreach (var file in report.Files)
            foreach (var d in file.Diagnostics)
                output.WriteLine(Line(file, d));
        var files = report.Files.Count == 1 ? "1 file" : $"{report.Files.Count} files";
        output.WriteLine(report.Clean
            ? $"{files} checked: no problems"
            : $"{files} checked: {Count(report.Errors, "error")}, {Count(report.Warnings, "warning")}");
    }

    public static string Line(FileReport file, Diagnostic d)
    {
        var where = d.Origin?.ToString() ?? file.Path;
        var severity = d.Severity == Severity.Error ? "error" : "warning";
        var hint = d.Hint is null ? "" : $" ({d.Hint})";
        return $"{where}: {severity}: {d.Message}{hint}";
    }

    /// <summary>{schemaVersion, result, errors, warnings, files: [{path, kind, diagnostics: [{severity, message, origin, hint}]}]}.</summary>
    public static string Json(ValidateReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", ValidateReport.SchemaVersion);
            json.WriteString("result", report.Clean ? "clean" : "errors");
            json.WriteNumber("errors", report.Errors);
            json.WriteNumber("warnings", report.Warnings);
            json.WriteStartArray("files");
            foreach (var file in report.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("kind", file.Kind);
                json.WriteStartArray("diagnostics");
                foreach (var d in file.Diagnostics)
                {
                    json.WriteStartObject();
                    json.WriteString("severity", d.Severity == Severity.Error ? "error" : "warning");
                    json.WriteString("message", d.Message);
                    json.WriteString("origin", d.Origin?.ToString() ?? file.Path);
                    if (d.Hint is not null) json.WriteString("hint", d.Hint);
                    else json.WriteNull("hint");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Count(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
