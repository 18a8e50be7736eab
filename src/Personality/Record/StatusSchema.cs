namespace Personality.Record;

/// <summary>
/// The field names of status.json (schemaVersion 1), used by the writer and by the reader that
/// `personality status` uses: one schema, not two spellings that can drift apart.
/// </summary>
public static class StatusSchema
{
    public const int Version = 1;

    public const string SchemaVersion = "schemaVersion", Tool = "tool", Command = "command", Root = "root", Result = "result",
        Personality = "personality", DisabledReason = "disabledReason", StartedAt = "startedAt", TotalMs = "totalMs",
        Settings = "settings", Volumes = "volumes", Steps = "steps", Warnings = "warnings", Errors = "errors";

    /// <summary>Fields of one setting.</summary>
    public const string Key = "key", Value = "value", Source = "source";

    /// <summary>Fields of one volume.</summary>
    public const string Role = "role", Label = "label", Device = "device", Uuid = "uuid", Type = "type", AppearedMs = "appearedMs",
        MountPoint = "mountPoint";

    /// <summary>Fields of one step. <see cref="Action"/> holds a <see cref="Steps.StepKinds"/> name.</summary>
    public const string Stage = "stage", Action = "action", Target = "target", Origin = "origin", Ms = "ms", Detail = "detail",
        Levels = "levels", FellBackTo = "fellBackTo", ReadOnly = "readOnly";

    /// <summary>Fields of one warning or error.</summary>
    public const string Message = "message", Hint = "hint";
}
