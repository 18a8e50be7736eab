using Personality.Manifests;
using Personality.Manifests.Yaml;
using YamlDotNet.Serialization;

namespace Personality.Fleet;

// What the static deserializer fills in from fleet.yaml: strings only, checked by FleetReader, so every
// bad value is reported with its line:column. `personalities` and the `host` maps are not here: they
// are taken out of the events before deserializing (FleetEvents), because their keys are free
// (personality names) or are a manifest's (written out again as the host volume's personality.yaml).

[YamlSerializable]
internal sealed class FleetDto
{
    public string? Version { get; set; }
    public string? Name { get; set; }
    public string? Connection { get; set; }
    public FleetImagesDto? Images { get; set; }
    public FleetBootDto? Boot { get; set; }
    public FleetSizesDto? Defaults { get; set; }
    public List<FleetGuestDto?>? Guests { get; set; }
}

[YamlSerializable]
internal sealed class FleetImagesDto
{
    public string? Os { get; set; }
    public string? App { get; set; }
}

[YamlSerializable]
internal sealed class FleetBootDto
{
    public string? Kernel { get; set; }
    public string? Initrd { get; set; }
    public string? Cmdline { get; set; }
}

[YamlSerializable]
internal sealed class FleetSizesDto
{
    public string? Memory { get; set; }
    public string? Vcpus { get; set; }
    public string? State { get; set; }
}

[YamlSerializable]
internal sealed class FleetGuestDto
{
    public string? Name { get; set; }
    public string? Personality { get; set; }
    public string? Memory { get; set; }
    public string? Vcpus { get; set; }
    public string? State { get; set; }
    public string? Connection { get; set; }
}

/// <summary>The shape the scanner checks fleet.yaml against; key for key as the DTOs (and the two maps taken out).</summary>
internal static class FleetSchema
{
    private static readonly ScalarShape Value = ScalarShape.Instance;

    /// <summary>
    /// A host map: the host volume's manifest without <c>version</c> and <c>role</c> (written by build)
    /// and without <c>personality</c> (an app key). Built from the manifest's own schema, so a key a
    /// new item kind adds to the host role is accepted here too, and a misspelt one gets the same
    /// did-you-mean as in a manifest.
    /// </summary>
    public static readonly MapShape Host = new(
        ManifestSchema.Root.Keys.Where(k => k is not ("version" or "role" or "personality"))
            .Select(k => (k, ManifestSchema.Root.TryGet(k, out var shape) ? shape : Value)).ToArray());

    private static readonly MapShape Sizes = new(("memory", Value), ("vcpus", Value), ("state", Value));

    public static readonly MapShape Guest = new(
        ("name", Value), ("personality", Value), ("memory", Value), ("vcpus", Value), ("state", Value),
        ("connection", Value), ("host", Host));

    public static readonly MapShape Root = new(
        ("version", Value),
        ("name", Value),
        ("connection", Value),
        ("images", new MapShape(("os", Value), ("app", Value))),
        ("boot", new MapShape(("kernel", Value), ("initrd", Value), ("cmdline", Value))),
        ("defaults", Sizes),
        ("personalities", new DictionaryShape(Value)),
        ("host", Host),
        ("guests", new ListShape(Guest)));
}
