namespace Personality.Services;

/// <summary>
/// What one chkconfig command did: its exit code and output, as chkconfig would give them,
/// and the changes it made (or, in a dry run, would make).
/// </summary>
public sealed record ChkconfigOutcome(int ExitCode, string Stdout, string Stderr, IReadOnlyList<ServiceChange> Changes);
