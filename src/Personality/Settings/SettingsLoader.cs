using Personality.Core;

namespace Personality.Settings;

/// <summary>
/// Settings stage: defaults, then /etc/sysconfig/personality, then /etc/sysconfig/readonly-root,
/// then the kernel command line. Later sources override earlier ones.
/// </summary>
public static class SettingsLoader
{
    public static EffectiveSettings Load(TargetRoot root, string cmdline, Diagnostics diagnostics)
    {
        var settings = new EffectiveSettings();
        ApplyFile(root, SettingsCatalog.PersonalityFile, settings, diagnostics);
        ApplyFile(root, SettingsCatalog.ReadonlyRootFile, settings, diagnostics);
        ApplyCommandLine(cmdline, settings, diagnostics);
        settings.Validate(diagnostics);
        return settings;
    }

    private static void ApplyFile(TargetRoot root, string guestFile, EffectiveSettings settings, Diagnostics diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(root.Host(guestFile));
        }
        catch (FileNotFoundException) { return; }
        catch (DirectoryNotFoundException) { return; }
        catch (IOException e)
        {
            diagnostics.Warn($"cannot read {guestFile}: {e.Message}; its settings are not used", Origin.Of(guestFile));
            return;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Warn($"cannot read {guestFile}: {e.Message}; its settings are not used", Origin.Of(guestFile));
            return;
        }

        foreach (var assignment in ShellVariablesParser.Parse(text, guestFile, diagnostics))
        {
            if (!SettingsCatalog.IsKnown(assignment.Key))
            {
                var suggestion = SettingsCatalog.Suggest(assignment.Key);
                diagnostics.Warn($"unknown setting {assignment.Key}; ignored", assignment.Origin,
                    suggestion is null ? "see personality(8) for the settings" : $"did you mean {suggestion}?");
                continue;
            }
            settings.Set(assignment.Key, assignment.Value, $"{guestFile}:{assignment.Origin.Line}");
        }
    }

    private static void ApplyCommandLine(string cmdline, EffectiveSettings settings, Diagnostics diagnostics)
    {
        var words = KernelCommandLine.Words(cmdline);
        // Red Hat tests "readonlyroot" and then "noreadonlyroot", so "no" wins whatever the order.
        if (words.Contains("readonlyroot"))
        {
            settings.Set("READONLY", "yes", "kernel command line (readonlyroot)");
            foreach (var key in new[] { "RW_MOUNT", "STATE_MOUNT" })
                if (settings.Value(key).Length == 0)
                    settings.Set(key, SettingsCatalog.DefaultOf(key), "kernel command line (readonlyroot)");
        }
        if (words.Contains("noreadonlyroot"))
            settings.Set("READONLY", "no", "kernel command line (noreadonlyroot)");

        foreach (var word in words)
        {
            if (word.StartsWith("personality=", StringComparison.Ordinal))
            {
                var value = word["personality=".Length..];
                settings.Set("ENABLED", Truth.IsFalse(value) ? "no" : "yes", $"kernel command line ({word})");
            }
            else if (word == "personality.debug")
            {
                settings.Set("DEBUG", "yes", "kernel command line (personality.debug)");
            }
            else if (word.StartsWith("personality.", StringComparison.Ordinal))
            {
                var assignment = word["personality.".Length..];
                var eq = assignment.IndexOf('=');
                var key = eq < 0 ? assignment : assignment[..eq];
                if (eq < 0 || !SettingsCatalog.IsKnown(key))
                {
                    var suggestion = SettingsCatalog.Suggest(key);
                    diagnostics.Warn($"kernel command line word '{word}' is not personality.KEY=VALUE with a known KEY; ignored",
                        Origin.Of("kernel command line"),
                        suggestion is null ? "see personality(8) for the settings" : $"did you mean personality.{suggestion}=...?");
                    continue;
                }
                settings.Set(key, assignment[(eq + 1)..], $"kernel command line ({word})");
            }
        }
    }
}
