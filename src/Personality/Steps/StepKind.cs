namespace Personality.Steps;

/// <summary>What a step does. Its wire name ("service-on") is the record's "action" field.</summary>
public enum StepKind
{
    Mount,
    Wipe,
    Copy,
    Bind,
    FileCopy,
    FileBind,
    Hook,
    Hostname,
    ServiceOn,
    ServiceOff,
    /// <summary>Reading a table (a skipped statetab without a state volume).</summary>
    Read,
    /// <summary>Putting back a file an earlier personality placed: its saved original, or nothing.</summary>
    FileRestore,
}

/// <summary>The one mapping between kinds and their names in status.json, used to write and to read.</summary>
public static class StepKinds
{
    private static readonly string[] Names =
        ["mount", "wipe", "copy", "bind", "file-copy", "file-bind", "hook", "hostname", "service-on", "service-off", "read", "file-restore"];

    public static string Name(this StepKind kind) => Names[(int)kind];

    /// <summary>The kind named <paramref name="name"/> in a record; null for a name this version does not know.</summary>
    public static StepKind? Parse(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i < 0 ? null : (StepKind)i;
    }
}
