using Personality.Items.Files;

namespace Personality.Manifests;

internal sealed partial class ManifestDto
{
    /// <summary><c>files:</c>: read by <see cref="FilesKind"/>.</summary>
    public List<FileDto>? Files { get; set; }
}
