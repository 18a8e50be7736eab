using Personality.Manifests.Yaml;
using YamlDotNet.Serialization;

namespace Personality.Items.Files;

/// <summary>One item of <c>files:</c> as the static deserializer fills it: strings only, checked by <see cref="FilesReader"/>.</summary>
[YamlSerializable] // registers the class with the static context (Manifests/Yaml/YamlContext.cs)
internal sealed class FileDto
{
    /// <summary>The keys the scanner accepts, key for key as the properties, in documentation order.</summary>
    public static readonly MapShape Shape = new(
        ("path", ScalarShape.Instance), ("source", ScalarShape.Instance), ("mode", ScalarShape.Instance),
        ("owner", ScalarShape.Instance), ("how", ScalarShape.Instance));

    public string? Path { get; set; }
    public string? Source { get; set; }
    public string? Mode { get; set; }
    public string? Owner { get; set; }
    public string? How { get; set; }
}
