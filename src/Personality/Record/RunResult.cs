namespace Personality.Record;

/// <summary>The overall verdict of a run, which is also what `personality status` exits with.</summary>
public enum RunResult
{
    Applied = 0,
    Degraded = 1,
    Failed = 2,
    Disabled = 3,
}
