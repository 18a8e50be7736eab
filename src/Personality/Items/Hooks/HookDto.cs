using Personality.Manifests.Yaml;
using YamlDotNet.Serialization;

namespace Personality.Items.Hooks;

/// <summary>One item of <c>hooks:</c> as the static deserializer fills it: strings only, checked by <see cref="HooksReader"/>.</summary>
[YamlSerializable] // registers the class with the static context (Manifests/Yaml/YamlContext.cs)
internal sealed class HookDto
{
    /// <summary>The keys the scanner accepts, key for key as the properties, in documentation order.</summary>
    public static readonly MapShape Shape = new(("run", ScalarShape.Instance), ("timeout", ScalarShape.Instance));

    public string? Run { get; set; }
    public string? Timeout { get; set; }
}
