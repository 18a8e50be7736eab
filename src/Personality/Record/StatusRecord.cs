using System.Globalization;
using System.Text.Json;
using Personality.Steps;
using F = Personality.Record.StatusSchema;

namespace Personality.Record;

/// <summary>A step as status.json records it; <see cref="Kind"/> is null for an action this version does not know.</summary>
public sealed record RecordedStep(string Stage, string Action, string Target, string? Source, string? Origin, string Result, double Ms, string? Detail,
    string? Levels = null, string? FellBackTo = null, bool ReadOnly = false)
{
    public StepKind? Kind => StepKinds.Parse(Action);

    /// <summary>The step left the system as it wanted it (applied now, or already so).</summary>
    public bool Succeeded => Result is "applied" or "unchanged";

    public string Describe() => Source is null ? $"{Action} {Target}" : $"{Action} {Source} -> {Target}";
}

/// <summary>A volume as status.json records it.</summary>
public sealed record RecordedVolume(string Role, string Label, string Device, string Uuid, string Type, double AppearedMs, string MountPoint);

/// <summary>A warning or error as status.json records it.</summary>
public sealed record RecordedDiagnostic(string Severity, string Message, string? Origin, string? Hint);

/// <summary>An effective setting and its source.</summary>
public sealed record RecordedSetting(string Key, string Value, string Source);

/// <summary>
/// status.json (schemaVersion 1) read back with <see cref="JsonDocument"/> (no reflection, safe in the
/// static binary). Tolerant: a field that is missing or of another type reads as empty, so a record
/// written by an older or newer version still shows what it has. <see cref="Json"/> keeps the whole
/// object for `status --json`, which embeds it as written.
/// </summary>
public sealed class StatusRecord
{
    public int SchemaVersion { get; private init; }
    public string Tool { get; private init; } = "";
    public string Command { get; private init; } = "";
    public string Root { get; private init; } = "";
    /// <summary>"applied", "degraded", "failed" or "disabled" as the run recorded it.</summary>
    public string Result { get; private init; } = "";
    public string? DisabledReason { get; private init; }
    /// <summary>The guest's personality (a later schema addition); null when the record has none.</summary>
    public string? Personality { get; private init; }
    public string StartedAt { get; private init; } = "";
    public double TotalMs { get; private init; }
    public IReadOnlyList<RecordedSetting> Settings { get; private init; } = [];
    public IReadOnlyList<RecordedVolume> Volumes { get; private init; } = [];
    public IReadOnlyList<RecordedStep> Steps { get; private init; } = [];
    public IReadOnlyList<RecordedDiagnostic> Warnings { get; private init; } = [];
    public IReadOnlyList<RecordedDiagnostic> Errors { get; private init; } = [];
    /// <summary>The record's top-level object, independent of the parsed document.</summary>
    public JsonElement Json { get; private init; }

    /// <summary>The recorded verdict; an unknown word counts as failed (a record we cannot trust).</summary>
    public RunResult RunResult => Result switch
    {
        "applied" => RunResult.Applied,
        "degraded" => RunResult.Degraded,
        "disabled" => RunResult.Disabled,
        _ => RunResult.Failed,
    };

    /// <exception cref="JsonException">The text is not JSON, or not a JSON object.</exception>
    public static StatusRecord Parse(ReadOnlyMemory<byte> utf8)
    {
        using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 16 });
        var r = doc.RootElement;
        if (r.ValueKind != JsonValueKind.Object) throw new JsonException("status.json is not a JSON object");
        return new StatusRecord
        {
            SchemaVersion = (int)Num(r, F.SchemaVersion),
            Tool = Str(r, F.Tool) ?? "",
            Command = Str(r, F.Command) ?? "",
            Root = Str(r, F.Root) ?? "",
            Result = Str(r, F.Result) ?? "",
            DisabledReason = Str(r, F.DisabledReason),
            Personality = Str(r, F.Personality),
            StartedAt = Str(r, F.StartedAt) ?? "",
            TotalMs = Num(r, F.TotalMs),
            Settings = Array(r, F.Settings, e => new RecordedSetting(Str(e, F.Key) ?? "", Str(e, F.Value) ?? "", Str(e, F.Source) ?? "")),
            Volumes = Array(r, F.Volumes, e => new RecordedVolume(Str(e, F.Role) ?? "", Str(e, F.Label) ?? "", Str(e, F.Device) ?? "",
                Str(e, F.Uuid) ?? "", Str(e, F.Type) ?? "", Num(e, F.AppearedMs), Str(e, F.MountPoint) ?? "")),
            Steps = Array(r, F.Steps, e => new RecordedStep(Str(e, F.Stage) ?? "", Str(e, F.Action) ?? "", Str(e, F.Target) ?? "",
                Str(e, F.Source), Str(e, F.Origin), Str(e, F.Result) ?? "", Num(e, F.Ms), Str(e, F.Detail), Str(e, F.Levels),
                Str(e, F.FellBackTo), Str(e, F.ReadOnly) == "true")),
            Warnings = Array(r, F.Warnings, e => Diagnostic(e, "warning")),
            Errors = Array(r, F.Errors, e => Diagnostic(e, "error")),
            Json = r.Clone(),
        };
    }

    private static RecordedDiagnostic Diagnostic(JsonElement e, string severity) =>
        new(severity, Str(e, F.Message) ?? "", Str(e, F.Origin), Str(e, F.Hint));

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p)
            ? p.ValueKind switch
            {
                JsonValueKind.String => p.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.GetRawText(),
                _ => null,
            }
            : null;

    private static double Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p)
            ? p.ValueKind switch
            {
                JsonValueKind.Number => p.GetDouble(),
                JsonValueKind.String when double.TryParse(p.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => 0,
            }
            : 0;

    private static IReadOnlyList<T> Array<T>(JsonElement e, string name, Func<JsonElement, T> map) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object).Select(map).ToList()
            : [];
}
