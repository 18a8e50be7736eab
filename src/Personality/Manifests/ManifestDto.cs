using Personality.Items;
using Personality.Manifests.Yaml;

namespace Personality.Manifests;

// What the static deserializer fills in. Mutable classes with settable properties only: the generator
// cannot handle init-only properties or positional records. Every value is a string, converted and
// checked by ManifestBuilder and the item kinds' readers, so that every bad value is reported (with
// its line:column), not only the first. The keys must match ManifestSchema (ManifestReaderTests reads
// a document using every key).

/// <summary>
/// The document's own keys. Each item kind adds its key to this class from its folder
/// (Items/Files/ManifestDto.Files.cs), so the static context sees one class with every key.
/// </summary>
internal sealed partial class ManifestDto
{
    public string? Version { get; set; }
    public string? Role { get; set; }
    public string? Personality { get; set; }
    public string? Hostname { get; set; }
}

/// <summary>The shape <see cref="StrictYamlScanner"/> checks a manifest against: the document's keys, then each item kind's.</summary>
internal static class ManifestSchema
{
    private static readonly ScalarShape Value = ScalarShape.Instance;

    public static readonly MapShape Root = new(
    [
        ("version", Value),
        ("role", Value),
        ("personality", Value),
        ("hostname", Value),
        .. ItemKinds.All.Select(kind => (kind.Key, kind.Shape)),
    ]);
}
