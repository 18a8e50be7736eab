using Personality.Manifests;
using Personality.Steps;

namespace Personality.Plan.Personalities;

/// <summary>A host or app volume the volumes stage mounts; the manifests stage reads it once the mount succeeded.</summary>
public sealed record ConfigVolumeMount(Role Role, string Label, string LabelKey, MountStep Mount);
