using Personality.Core;
using Personality.Settings;
using Personality.Steps;

namespace Personality.Validate;

/// <summary>
/// What validate checks beyond boot's own value checks: values boot accepts without a word although
/// they cannot mean what was meant. A yes/no key written with neither a true nor a false word
/// (READONLY=maybe reads as no), and mount options no filesystem knows (RW_OPTIONS for the tmpfs,
/// STATE_OPTIONS for whatever the state volume is).
/// </summary>
internal static class SettingValueChecks
{
    public static void Check(EffectiveSettings settings, Diagnostics diagnostics)
    {
        foreach (var (key, otherWordsMean) in BooleanSettings.OtherWordsMean)
        {
            var s = settings[key];
            if (s.Source == "default" || Truth.IsTrue(s.Value) || Truth.IsFalse(s.Value)) continue;
            var shown = s.Value.Length == 0 ? $"{key} is empty" : $"{key}={s.Value}";
            diagnostics.Error($"{shown}: neither a true nor a false word; boot takes it as {(otherWordsMean ? "yes" : "no")}",
                Origin.Of(s.Source), $"write {key}=yes or {key}=no (also true/false, on/off, 1/0, y/n, t/f)");
        }
        CheckRwOptions(settings["RW_OPTIONS"], diagnostics);
        CheckOptions(settings["STATE_OPTIONS"], settings["STATE_OPTIONS"].Value.Split(','), fsType: null, diagnostics);
    }

    private static void CheckRwOptions(Setting s, Diagnostics diagnostics)
    {
        if (s.Source == "default") return;
        var lists = MountOptions.OptionsInArguments(s.Value, out var problem);
        if (lists is null)
        {
            diagnostics.Error($"RW_OPTIONS: {problem}; boot mounts the tmpfs without options", Origin.Of(s.Source), "write RW_OPTIONS=\"-o size=64m\"");
            return;
        }
        CheckOptions(s, lists.SelectMany(l => l.Split(',')), "tmpfs", diagnostics);
    }

    private static void CheckOptions(Setting s, IEnumerable<string> options, string? fsType, Diagnostics diagnostics)
    {
        if (s.Source == "default") return;
        foreach (var (_, message, hint) in MountOptionNames.Unknown(options.Select(o => o.Trim()), fsType))
            diagnostics.Error($"{s.Key}: {message}", Origin.Of(s.Source), hint);
    }
}
