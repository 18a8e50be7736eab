using Personality.Manifests.Yaml;
using YamlDotNet.Serialization;

namespace Personality.Items.Services;

/// <summary><c>services:</c> as the static deserializer fills it: strings only, checked by <see cref="ServicesReader"/>.</summary>
[YamlSerializable] // registers the class with the static context (Manifests/Yaml/YamlContext.cs)
internal sealed class ServicesDto
{
    /// <summary>The keys the scanner accepts, key for key as the properties, in documentation order.</summary>
    public static readonly MapShape Shape = new(
        ("on", new ListShape(ScalarShape.Instance)), ("off", new ListShape(ScalarShape.Instance)), ("levels", ScalarShape.Instance));

    public List<string>? On { get; set; }
    public List<string>? Off { get; set; }
    public string? Levels { get; set; }
}
