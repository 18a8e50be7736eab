namespace Personality.Cli;

/// <summary>A command line that cannot be run as given; reported by <see cref="UsageError"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
