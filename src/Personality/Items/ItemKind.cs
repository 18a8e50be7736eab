using Personality.Manifests;
using Personality.Manifests.Yaml;
using Personality.Ownership;
using Personality.Pipeline;
using Personality.Status;

namespace Personality.Items;

/// <summary>
/// The typed side of <see cref="IItemKind"/>: <typeparamref name="TItems"/> is what the kind's reader
/// returns, what the manifest keeps for it (<see cref="Manifest.Items{TItems}"/>) and what its stage
/// and claims read back, so nothing downstream casts.
/// </summary>
internal abstract class ItemKind<TItems> : IItemKind where TItems : class
{
    public abstract string Key { get; }

    public abstract YamlShape Shape { get; }

    public abstract IStage? Stage { get; }

    public virtual Role? OnlyIn => null;

    public virtual IDriftCheck? DriftCheck => null;

    /// <inheritdoc cref="IItemKind.Read"/>
    public abstract TItems Read(ManifestDto dto, ManifestValues values);

    /// <inheritdoc cref="IItemKind.Claims"/>
    public abstract IEnumerable<Claim> Claims(TItems items, Role role);

    object IItemKind.Read(ManifestDto dto, ManifestValues values) => Read(dto, values);

    IEnumerable<Claim> IItemKind.Claims(Manifest manifest) => Claims(manifest.Items(this), manifest.Role);
}
