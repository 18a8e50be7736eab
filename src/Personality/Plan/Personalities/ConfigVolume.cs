using Personality.Manifests;
using Personality.Steps;

namespace Personality.Plan.Personalities;

/// <summary>A host or app volume: where it is mounted, where its content can be read, what its manifest says.</summary>
public sealed record ConfigVolume(Role Role, string Label, MountStep Mount, string Content, Manifest Manifest)
{
    /// <summary>Guest path of a path on the volume (e.g. "hooks/x.sh"), as seen once it is mounted.</summary>
    public string GuestPath(string relative) => Mount.Target + "/" + relative;

    public string RoleName => Role.ToString().ToLowerInvariant();
}
