using Personality.Core;
using Personality.Settings;

namespace Personality.Validate;

/// <summary>
/// Checks one shell-style settings file the way boot reads it (SettingsLoader): the KEY=VALUE syntax,
/// unknown keys with a "did you mean" hint, the values that have a shape (DEVICE_TIMEOUT,
/// VOLUME_UUIDS, RW_MOUNT, STATE_MOUNT, CLIENTSTATE, SERVICES_BACKEND, ON_FAILURE), then what boot
/// would take silently (<see cref="SettingValueChecks"/>). Every problem names FILE:LINE:COLUMN.
/// </summary>
public static class SettingsFileCheck
{
    public static void Check(string text, string file, Diagnostics diagnostics)
    {
        var settings = new EffectiveSettings();
        foreach (var assignment in ShellVariablesParser.Parse(text, file, diagnostics))
        {
            if (!SettingsCatalog.IsKnown(assignment.Key))
            {
                var suggestion = SettingsCatalog.Suggest(assignment.Key);
                diagnostics.Warn($"unknown setting {assignment.Key}; ignored", assignment.Origin,
                    suggestion is null ? "see personality(8) for the settings" : $"did you mean {suggestion}?");
                continue;
            }
            // The source is the key's position: value checks below report it as FILE:LINE:COLUMN.
            settings.Set(assignment.Key, assignment.Value, assignment.Origin.ToString());
        }
        var values = new Diagnostics();
        settings.Validate(values);
        BootSettings.From(settings, values);
        SettingValueChecks.Check(settings, values);
        foreach (var d in values.All) diagnostics.Add(d with { Origin = Reparse(d.Origin) });
    }

    /// <summary>"FILE:LINE:COL" as one string (how a setting's source reads) back into an origin with a line.</summary>
    private static Origin? Reparse(Origin? origin)
    {
        if (origin is not { Line: 0 } o) return origin;
        var parts = o.File.Split(':');
        if (parts.Length < 3 || !int.TryParse(parts[^2], out var line) || !int.TryParse(parts[^1], out var column)) return origin;
        return new Origin(string.Join(':', parts[..^2]), line, column);
    }
}
