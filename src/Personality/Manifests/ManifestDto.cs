using Personality.Manifests.Yaml;

namespace Personality.Manifests;

// What the static deserializer fills in. Mutable classes with settable properties only: the generator
// cannot handle init-only properties or positional records. Every value is a string, converted and
// checked by ManifestBuilder, so that every bad value is reported (with its line:column), not only the
// first. The keys must match ManifestSchema (ManifestReaderTests reads a document using every key).

internal sealed class ManifestDto
{
    public string? Version { get; set; }
    public string? Role { get; set; }
    public string? Personality { get; set; }
    public string? Hostname { get; set; }
    public List<string>? State { get; set; }
    public List<FileDto>? Files { get; set; }
    public List<MountDto>? Mounts { get; set; }
    public ServicesDto? Services { get; set; }
    public List<HookDto>? Hooks { get; set; }
}

internal sealed class FileDto
{
    public string? Path { get; set; }
    public string? Source { get; set; }
    public string? Mode { get; set; }
    public string? Owner { get; set; }
    public string? How { get; set; }
}

internal sealed class MountDto
{
    public string? Label { get; set; }
    public string? Path { get; set; }
    public List<string>? Options { get; set; }
}

internal sealed class ServicesDto
{
    public List<string>? On { get; set; }
    public List<string>? Off { get; set; }
    public string? Levels { get; set; }
}

internal sealed class HookDto
{
    public string? Run { get; set; }
    public string? Timeout { get; set; }
}

/// <summary>The shape <see cref="StrictYamlScanner"/> checks a manifest against, key for key as the DTOs.</summary>
internal static class ManifestSchema
{
    private static readonly ScalarShape Value = ScalarShape.Instance;

    public static readonly MapShape File = new(("path", Value), ("source", Value), ("mode", Value), ("owner", Value), ("how", Value));
    public static readonly MapShape Mount = new(("label", Value), ("path", Value), ("options", new ListShape(Value)));
    public static readonly MapShape Services = new(("on", new ListShape(Value)), ("off", new ListShape(Value)), ("levels", Value));
    public static readonly MapShape Hook = new(("run", Value), ("timeout", Value));

    public static readonly MapShape Root = new(
        ("version", Value),
        ("role", Value),
        ("personality", Value),
        ("hostname", Value),
        ("state", new ListShape(Value)),
        ("files", new ListShape(File)),
        ("mounts", new ListShape(Mount)),
        ("services", Services),
        ("hooks", new ListShape(Hook)));
}
