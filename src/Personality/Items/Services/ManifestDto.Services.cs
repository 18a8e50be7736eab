using Personality.Items.Services;

namespace Personality.Manifests;

internal sealed partial class ManifestDto
{
    /// <summary><c>services:</c>: read by <see cref="ServicesKind"/>.</summary>
    public ServicesDto? Services { get; set; }
}
