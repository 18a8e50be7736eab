using Personality.Ownership;
using YamlDotNet.Serialization;

namespace Personality.Manifests.Yaml;

/// <summary>
/// The YamlDotNet static context: the generator writes object factories and type inspectors for
/// these DTOs at compile time, so deserializing needs no reflection in the native-AOT binary.
/// </summary>
/// <remarks>
/// The generator puts its helper types (public, e.g. <c>StaticTypeInspector</c>) in this class's
/// namespace, and the class itself must be public. It handles only mutable classes with settable
/// properties (no init-only properties, no positional records): the DTOs are such classes, and the
/// readers turn them into the immutable public model. One context for the whole assembly: the
/// documents are listed here; the item kinds' DTOs (Items/*/) carry <c>[YamlSerializable]</c>
/// themselves, so a new kind registers its DTOs in its own folder.
/// </remarks>
[YamlStaticContext]
[YamlSerializable(typeof(ManifestDto))]
[YamlSerializable(typeof(OwnershipDto))]
[YamlSerializable(typeof(RolesDto))]
[YamlSerializable(typeof(RoleOwnershipDto))]
public partial class YamlContext : StaticContext;
