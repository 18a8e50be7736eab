using Personality.Core;

namespace Personality.Settings;

/// <summary>
/// The settings a run uses, resolved once into typed values (stages never look keys up by
/// string). <see cref="OriginOf"/> says where a value came from, for step origins.
/// </summary>
public sealed class BootSettings
{
    public required EffectiveSettings Effective { get; init; }
    public bool Enabled { get; init; }
    public bool Debug { get; init; }
    /// <summary>Red Hat: READONLY or TEMPORARY_STATE switches the whole mechanism on.</summary>
    public bool ReadOnlyRoot { get; init; }
    public required string RwMount { get; init; }
    public required string RwLabel { get; init; }
    public required string RwOptions { get; init; }
    public required string StateLabel { get; init; }
    public required string StateMount { get; init; }
    public required string StateOptions { get; init; }
    public bool SlaveMounts { get; init; }
    public bool StateFilesList { get; init; }
    public TimeSpan DeviceTimeout { get; init; }
    public required IReadOnlyList<string> RequiredLabels { get; init; }
    public required IReadOnlyDictionary<string, string> PinnedUuids { get; init; }
    public required string HostLabel { get; init; }
    public required string AppLabel { get; init; }
    public required string HostMount { get; init; }
    public required string AppMount { get; init; }
    public ServicesBackendChoice ServicesBackend { get; init; }
    public ChkconfigCompatChoice ChkconfigCompat { get; init; }
    public FailurePolicy OnFailure { get; init; }

    /// <summary>Where <paramref name="key"/>'s value came from, e.g. "/etc/sysconfig/readonly-root:4 (RW_LABEL=scratch)".</summary>
    public Origin OriginOf(string key, bool withValue = true) =>
        Origin.Of(withValue ? $"{Effective[key].Source} ({key}={Effective.Value(key)})" : Effective[key].Source);

    public string SourceOf(string key) => Effective[key].Source;

    /// <summary>Reads the typed values once; a value of the wrong shape is reported and its default used.</summary>
    public static BootSettings From(EffectiveSettings s, Diagnostics diagnostics) => new()
    {
        Effective = s,
        Enabled = s.Enabled,
        Debug = s.Debug,
        ReadOnlyRoot = s.ReadOnlyRootActive,
        RwMount = s.Value("RW_MOUNT"),
        RwLabel = s.Value("RW_LABEL"),
        RwOptions = s.Value("RW_OPTIONS"),
        StateLabel = s.Value("STATE_LABEL"),
        StateMount = s.Value("STATE_MOUNT"),
        StateOptions = s.Value("STATE_OPTIONS"),
        SlaveMounts = s.IsNotFalse("SLAVE_MOUNTS"),
        StateFilesList = s.IsTrue("STATE_FILES_LIST"),
        DeviceTimeout = s.DeviceTimeout,
        RequiredLabels = s.Words("REQUIRED_LABELS"),
        PinnedUuids = s.PinnedUuids(),
        HostLabel = s.Value("HOST_LABEL"),
        AppLabel = s.Value("APP_LABEL"),
        HostMount = s.Value("HOST_MOUNT"),
        AppMount = s.Value("APP_MOUNT"),
        ServicesBackend = Choice(s, "SERVICES_BACKEND", diagnostics, ServicesBackendChoice.Auto,
            ("auto", ServicesBackendChoice.Auto), ("native", ServicesBackendChoice.Native), ("chkconfig", ServicesBackendChoice.Chkconfig)),
        ChkconfigCompat = Choice(s, "CHKCONFIG_COMPAT", diagnostics, ChkconfigCompatChoice.Auto,
            ("auto", ChkconfigCompatChoice.Auto), ("el5", ChkconfigCompatChoice.El5), ("el6", ChkconfigCompatChoice.El6), ("current", ChkconfigCompatChoice.Current)),
        OnFailure = Choice(s, "ON_FAILURE", diagnostics, FailurePolicy.Continue,
            ("continue", FailurePolicy.Continue), ("halt", FailurePolicy.Halt)),
    };

    private static T Choice<T>(EffectiveSettings s, string key, Diagnostics diagnostics, T fallback, params (string Word, T Value)[] words)
    {
        var value = s.Value(key);
        foreach (var (word, v) in words)
            if (string.Equals(word, value, StringComparison.OrdinalIgnoreCase)) return v;
        diagnostics.Warn($"{key}={value} is not one of {string.Join(", ", words.Select(w => w.Word))}; using {words.First(w => Equals(w.Value, fallback)).Word}",
            Origin.Of(s[key].Source), $"write {key}={words[0].Word}");
        return fallback;
    }
}
