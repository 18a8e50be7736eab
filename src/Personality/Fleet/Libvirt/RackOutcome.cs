using Personality.Record;

namespace Personality.Fleet.Libvirt;

/// <summary>What became of one guest in up, status, down or roll: its domain, what was done, its boot's readiness line.</summary>
/// <param name="Action">What was done: started, restarted, left running, stopped, ... (none for status).</param>
/// <param name="Ok">Ready with a boot that did not fail (up, roll), or done as asked (down).</param>
/// <param name="Problem">Why not, in words, when not.</param>
public sealed record RackOutcome(FleetGuest Guest, DomainState State, string Action, ReadinessLine? Ready, bool Ok, string? Problem = null, double? WaitedSeconds = null)
{
    /// <summary>A boot that reported and did not fail (degraded is a working guest with warnings).</summary>
    public static bool Healthy(ReadinessLine? ready) => ready is not null && ready.Result != RunResult.Failed;
}
