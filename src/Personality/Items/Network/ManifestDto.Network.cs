using Personality.Items.Network;

namespace Personality.Manifests;

internal sealed partial class ManifestDto
{
    /// <summary><c>network:</c>: read by <see cref="NetworkKind"/>.</summary>
    public NetworkDto? Network { get; set; }
}
