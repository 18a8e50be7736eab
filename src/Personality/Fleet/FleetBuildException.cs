namespace Personality.Fleet;

/// <summary>Something a build cannot make (a mkfs that fails, a folder that cannot be a volume): reported for its guest, nothing of it kept.</summary>
public sealed class FleetBuildException(string message) : Exception(message);
