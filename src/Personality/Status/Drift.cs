namespace Personality.Status;

/// <summary>
/// One difference between what the recorded run left behind and what the system shows now.
/// <see cref="Kind"/> names the check that found it ("mount", "bind", "volume"; later "service").
/// </summary>
public sealed record Drift(string Kind, string Target, string Expected, string Actual, string? Origin = null);
