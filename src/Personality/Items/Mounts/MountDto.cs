using Personality.Manifests.Yaml;
using YamlDotNet.Serialization;

namespace Personality.Items.Mounts;

/// <summary>One item of <c>mounts:</c> as the static deserializer fills it: strings only, checked by <see cref="MountsReader"/>.</summary>
[YamlSerializable] // registers the class with the static context (Manifests/Yaml/YamlContext.cs)
internal sealed class MountDto
{
    /// <summary>The keys the scanner accepts, key for key as the properties, in documentation order.</summary>
    public static readonly MapShape Shape = new(
        ("label", ScalarShape.Instance), ("path", ScalarShape.Instance), ("options", new ListShape(ScalarShape.Instance)));

    public string? Label { get; set; }
    public string? Path { get; set; }
    public List<string>? Options { get; set; }
}
