using System.Text.Json;

namespace Personality.IntegrationTests.Harness;

public sealed record StatusSetting(string Key, string Value, string? Source);

public sealed record StatusVolume(string Role, string Label, string Device, string? Uuid, string Type, double? AppearedMs, string? MountPoint);

public sealed record StatusStep(string Stage, string Action, string Target, string? Source, string? Origin, string Result, double? Ms, string? Detail)
{
    public override string ToString() => $"[{Stage}] {Action} {Target} <- {Source} ({Origin}): {Result} {Detail}";
}

public sealed record StatusDiagnostic(string Message, string? Origin, string? Hint)
{
    public override string ToString() => $"{Origin}: {Message} ({Hint})";
}

/// <summary>var/run/personality/status.json as written by <c>personality boot</c> (schemaVersion 1).</summary>
public sealed class StatusJson
{
    private StatusJson(string raw)
    {
        Raw = raw;
        using var doc = JsonDocument.Parse(raw);
        var r = doc.RootElement;
        SchemaVersion = r.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : -1;
        Command = Str(r, "command") ?? "";
        Root = Str(r, "root") ?? "";
        Result = Str(r, "result") ?? "";
        TotalMs = Num(r, "totalMs");
        Settings = Array(r, "settings", e => new StatusSetting(Str(e, "key") ?? "", Str(e, "value") ?? "", Str(e, "source")));
        Volumes = Array(r, "volumes", e => new StatusVolume(Str(e, "role") ?? "", Str(e, "label") ?? "", Str(e, "device") ?? "",
            Str(e, "uuid"), Str(e, "type") ?? "", Num(e, "appearedMs"), Str(e, "mountPoint")));
        Steps = Array(r, "steps", e => new StatusStep(Str(e, "stage") ?? "", Str(e, "action") ?? "", Str(e, "target") ?? "",
            Str(e, "source"), Str(e, "origin"), Str(e, "result") ?? "", Num(e, "ms"), Str(e, "detail")));
        Warnings = Array(r, "warnings", Diag);
        Errors = Array(r, "errors", Diag);
    }

    public string Raw { get; }
    public int SchemaVersion { get; }
    public string Command { get; }
    public string Root { get; }
    public string Result { get; }
    public double? TotalMs { get; }
    public IReadOnlyList<StatusSetting> Settings { get; }
    public IReadOnlyList<StatusVolume> Volumes { get; }
    public IReadOnlyList<StatusStep> Steps { get; }
    public IReadOnlyList<StatusDiagnostic> Warnings { get; }
    public IReadOnlyList<StatusDiagnostic> Errors { get; }

    public IEnumerable<StatusDiagnostic> Diagnostics => Warnings.Concat(Errors);

    public static StatusJson Parse(string raw) => new(raw);

    public IEnumerable<StatusStep> StepsFor(string target) => Steps.Where(s => s.Target == target);

    public StatusVolume? Volume(string role) => Volumes.FirstOrDefault(v => v.Role == role);

    public string? Setting(string key) => Settings.LastOrDefault(s => s.Key == key)?.Value;

    public override string ToString() => Raw;

    private static StatusDiagnostic Diag(JsonElement e) => new(Str(e, "message") ?? "", Str(e, "origin"), Str(e, "hint"));

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p)
            ? p.ValueKind switch
            {
                JsonValueKind.String => p.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => p.GetRawText(),
            }
            : null;

    private static double? Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;

    private static IReadOnlyList<T> Array<T>(JsonElement e, string name, Func<JsonElement, T> map) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(map).ToList() : [];
}
