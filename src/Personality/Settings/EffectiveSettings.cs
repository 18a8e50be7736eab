using System.Globalization;
using Personality.Core;

namespace Personality.Settings;

/// <summary>The settings in force for one run, each with its source, with typed accessors.</summary>
public sealed class EffectiveSettings
{
    private readonly Dictionary<string, Setting> _values = new(StringComparer.Ordinal);

    public EffectiveSettings()
    {
        foreach (var (key, value, _) in SettingsCatalog.Known)
            _values[key] = new Setting(key, value, "default");
    }

    public IEnumerable<Setting> All => SettingsCatalog.Known.Select(k => _values[k.Key]);

    public Setting this[string key] => _values[key];

    public string Value(string key) => _values[key].Value;

    public void Set(string key, string value, string source) => _values[key] = new Setting(key, value, source);

    public bool IsTrue(string key) => Truth.IsTrue(Value(key));

    /// <summary>True unless the value is one of the false words (for settings that default to on).</summary>
    public bool IsNotFalse(string key) => !Truth.IsFalse(Value(key));

    public bool Enabled => IsNotFalse("ENABLED");
    public bool Debug => IsTrue("DEBUG");

    /// <summary>Red Hat: READONLY or TEMPORARY_STATE switches the whole mechanism on.</summary>
    public bool ReadOnlyRootActive => IsTrue("READONLY") || IsTrue("TEMPORARY_STATE");

    public IReadOnlyList<string> Words(string key) =>
        Value(key).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>VOLUME_UUIDS as label -> UUID; malformed words are reported once by the loader.</summary>
    public IReadOnlyDictionary<string, string> PinnedUuids()
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in Words("VOLUME_UUIDS"))
        {
            var eq = word.LastIndexOf('=');
            if (eq > 0 && eq < word.Length - 1) pins[word[..eq]] = word[(eq + 1)..];
        }
        return pins;
    }

    public TimeSpan DeviceTimeout =>
        TimeSpan.FromSeconds(double.Parse(Value("DEVICE_TIMEOUT"), CultureInfo.InvariantCulture));

    /// <summary>Checks the values that have a shape; a bad value is reported and the default used.</summary>
    internal void Validate(Diagnostics diagnostics)
    {
        var timeout = _values["DEVICE_TIMEOUT"];
        if (!double.TryParse(timeout.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 0 || seconds > 600)
        {
            diagnostics.Warn($"DEVICE_TIMEOUT={timeout.Value} is not a number of seconds between 0 and 600; using the default",
                Origin.Of(timeout.Source), "write e.g. DEVICE_TIMEOUT=5");
            Set("DEVICE_TIMEOUT", SettingsCatalog.DefaultOf("DEVICE_TIMEOUT"), "default");
        }
        foreach (var word in Words("VOLUME_UUIDS"))
        {
            var eq = word.LastIndexOf('=');
            if (eq <= 0 || eq == word.Length - 1)
                diagnostics.Warn($"VOLUME_UUIDS word '{word}' is not LABEL=UUID; ignored",
                    Origin.Of(_values["VOLUME_UUIDS"].Source), "write VOLUME_UUIDS=\"LABEL=UUID ...\"");
        }
        foreach (var key in new[] { "RW_MOUNT", "STATE_MOUNT" })
        {
            var s = _values[key];
            if (s.Value.Length == 0)
            {
                // An empty mount point cannot work; Red Hat's mount would fail. Use the default.
                Set(key, SettingsCatalog.DefaultOf(key), $"default (empty in {s.Source})");
                continue;
            }
            if (!GuestPath.TryNormalise(s.Value, out var normalised, out var problem))
            {
                diagnostics.Warn($"{key}: {problem}; using the default", Origin.Of(s.Source));
                Set(key, SettingsCatalog.DefaultOf(key), "default");
            }
            else if (normalised != s.Value)
            {
                Set(key, normalised, s.Source);
            }
        }
        if (Value("CLIENTSTATE").Length > 0)
            diagnostics.Warn("CLIENTSTATE (state on NFS) is not supported; no NFS state is mounted",
                Origin.Of(_values["CLIENTSTATE"].Source), "use a local volume labelled STATE_LABEL");
    }
}
