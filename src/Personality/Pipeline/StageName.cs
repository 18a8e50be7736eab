namespace Personality.Pipeline;

/// <summary>Every stage of the sequence, in order; each has one unique name in records and output.</summary>
public enum StageName
{
    Labels,
    Scratch,
    Rwtab,
    StateArea,
    Statetab,
    Volumes,
    Manifests,
    Hostname,
    Mounts,
    State,
    Files,
    Services,
    Hooks,
}

public static class StageNames
{
    private static readonly string[] Texts =
    [
        "labels", "scratch", "rwtab", "state-area", "statetab",
        "volumes", "manifests", "hostname", "mounts", "state", "files", "services", "hooks",
    ];

    /// <summary>The name written in status.json, the log and dry-run output.</summary>
    public static string Text(this StageName stage) => Texts[(int)stage];
}
