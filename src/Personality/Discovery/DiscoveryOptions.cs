namespace Personality.Discovery;

/// <summary>
/// How long to wait for required volumes, how often to look again, and which UUID to take when
/// several devices carry one label (VOLUME_UUIDS="LABEL=UUID", keyed by label).
/// </summary>
public sealed record DiscoveryOptions(TimeSpan WaitTimeout, TimeSpan PollInterval, IReadOnlyDictionary<string, string> PinnedUuids);
