namespace Personality.Settings;

/// <summary>
/// The yes/no settings, with what boot makes of a value that is neither one of Red Hat's true words
/// nor one of its false words (<see cref="Truth"/>): READONLY=maybe reads as no, as in Red Hat's
/// is_true; a key that defaults to on stays on unless the value is a false word.
/// </summary>
public static class BooleanSettings
{
    public static readonly IReadOnlyDictionary<string, bool> OtherWordsMean = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["READONLY"] = false,
        ["TEMPORARY_STATE"] = false,
        ["SLAVE_MOUNTS"] = true,
        ["ENABLED"] = true,
        ["DEBUG"] = false,
        ["STATE_FILES_LIST"] = false,
    };
}
