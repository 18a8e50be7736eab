using Personality.Core;

namespace Personality.Items.Hooks;

/// <summary>A program on the volume run once the rest is applied.</summary>
/// <param name="Run">Normalised path relative to the volume root ("hooks/10-warm-cache.sh").</param>
public sealed record HookEntry(string Run, TimeSpan Timeout, Origin Origin) : IManifestItem
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);
}
