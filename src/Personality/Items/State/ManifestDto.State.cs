namespace Personality.Manifests;

internal sealed partial class ManifestDto
{
    /// <summary><c>state: [/var/lib/web]</c>: read by <see cref="Items.State.StateKind"/>.</summary>
    public List<string>? State { get; set; }
}
