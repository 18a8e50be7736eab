using Personality.Manifests.Yaml;

namespace Personality.Ownership;

// What the static deserializer fills in (mutable classes only: see YamlContext). Every value is a
// string, checked by OwnershipPolicy.Parse. The keys must match OwnershipSchema.

internal sealed class OwnershipDto
{
    public string? Version { get; set; }
    public RolesDto? Roles { get; set; }
    public List<string>? Forbidden { get; set; }
}

internal sealed class RolesDto
{
    public RoleOwnershipDto? Host { get; set; }
    public RoleOwnershipDto? App { get; set; }
}

internal sealed class RoleOwnershipDto
{
    public List<string>? Paths { get; set; }
    public List<string>? Services { get; set; }
    public string? Hostname { get; set; }
    public string? Hooks { get; set; }
}

/// <summary>The shape of <c>ownership.yaml</c>, key for key as the DTOs.</summary>
internal static class OwnershipSchema
{
    private static readonly ScalarShape Value = ScalarShape.Instance;

    public static readonly MapShape Role = new(("paths", new ListShape(Value)), ("services", new ListShape(Value)), ("hostname", Value), ("hooks", Value));

    public static readonly MapShape Root = new(
        ("version", Value),
        ("roles", new MapShape(("host", Role), ("app", Role))),
        ("forbidden", new ListShape(Value)));
}
