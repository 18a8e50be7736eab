using Personality.Manifests.Yaml;
using YamlDotNet.Serialization;

namespace Personality.Items.Network;

/// <summary><c>network:</c> as the static deserializer fills it: strings only, checked by <see cref="NetworkReader"/>.</summary>
[YamlSerializable] // registers the class with the static context (Manifests/Yaml/YamlContext.cs)
internal sealed class NetworkDto
{
    /// <summary>The keys the scanner accepts, key for key as the properties, in documentation order.</summary>
    public static readonly MapShape Shape = new(
        ("interfaces", new ListShape(InterfaceDto.Shape)), ("dns", new ListShape(ScalarShape.Instance)), ("search", new ListShape(ScalarShape.Instance)));

    public List<InterfaceDto>? Interfaces { get; set; }
    public List<string>? Dns { get; set; }
    public List<string>? Search { get; set; }
}

/// <summary>One item of <c>network.interfaces:</c>.</summary>
[YamlSerializable]
internal sealed class InterfaceDto
{
    public static readonly MapShape Shape = new(
        ("device", ScalarShape.Instance), ("address", ScalarShape.Instance), ("gateway", ScalarShape.Instance), ("dhcp", ScalarShape.Instance));

    public string? Device { get; set; }
    public string? Address { get; set; }
    public string? Gateway { get; set; }
    public string? Dhcp { get; set; }
}
