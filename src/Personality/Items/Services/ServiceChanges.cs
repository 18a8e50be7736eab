using Personality.Files;
using static Personality.Files.JsonRecordFile;

namespace Personality.Items.Services;

/// <summary>One service at one run level that a personality switched, and how it was before (the image's way).</summary>
public sealed record ChangedService(string Service, int Level, bool WasOn, string By);

/// <summary>
/// The services personalities have changed from the image's setting, kept where those changes
/// persist (<see cref="KeptChanges"/>), so that a later boot can put back what the current
/// personalities no longer ask for.
/// </summary>
public static class ServiceChanges
{
    /// <summary>The file's name in the <see cref="KeptChanges"/> directory.</summary>
    public const string FileName = "services.json";

    public static IReadOnlyList<ChangedService> Read(string hostFile, Core.Diagnostics? diagnostics = null, string? shownAs = null) => JsonRecordFile.Read(hostFile, "services", e =>
        String(e, "service") is { } name && Personality.Services.ServiceNames.IsValid(name)
        && Int(e, "level") is { } level and >= 0 and <= 6 && Bool(e, "wasOn") is { } wasOn
            ? new ChangedService(name, level, wasOn, String(e, "by") ?? "")
            : null, diagnostics, shownAs);

    public static void Write(string hostFile, IReadOnlyList<ChangedService> changes) =>
        JsonRecordFile.Write(hostFile, "services", changes.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Level), (json, c) =>
        {
            json.WriteString("service", c.Service);
            json.WriteNumber("level", c.Level);
            json.WriteBoolean("wasOn", c.WasOn);
            json.WriteString("by", c.By);
        });
}
