using Personality.Items.Hooks;

namespace Personality.Manifests;

internal sealed partial class ManifestDto
{
    /// <summary><c>hooks:</c>: read by <see cref="HooksKind"/>.</summary>
    public List<HookDto>? Hooks { get; set; }
}
