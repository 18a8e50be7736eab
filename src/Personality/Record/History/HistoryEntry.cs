namespace Personality.Record.History;

/// <summary>One boot as the history keeps it: when, which personality, how it went, on which volumes.</summary>
/// <param name="RoleChangedFrom">The previous boot's personality when this boot's differs ("none" for none); else null.</param>
public sealed record HistoryEntry(string StartedAt, string? Personality, string Result, int Applied, int Unchanged, int Skipped, int Failed,
    double DurationMs, IReadOnlyList<HistoryVolume> Volumes, string? RoleChangedFrom);

/// <summary>A volume a boot used, by role, label and UUID (device names change between boots; these do not).</summary>
public sealed record HistoryVolume(string Role, string Label, string Uuid);
