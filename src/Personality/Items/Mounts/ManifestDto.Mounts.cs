using Personality.Items.Mounts;

namespace Personality.Manifests;

internal sealed partial class ManifestDto
{
    /// <summary><c>mounts:</c>: read by <see cref="MountsKind"/>.</summary>
    public List<MountDto>? Mounts { get; set; }
}
