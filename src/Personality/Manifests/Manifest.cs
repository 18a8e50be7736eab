using Personality.Core;
using Personality.Items;

namespace Personality.Manifests;

/// <summary>Which config volume a manifest is for: operations' host volume or engineering's app volume.</summary>
public enum Role { Host, App }

/// <summary>
/// One config volume's <c>personality.yaml</c>, checked and normalised. Every item carries its origin
/// (<c>PERS_APP:personality.yaml:14:5</c>), so each plan step can say where it came from. The items
/// are kept by kind (<see cref="ItemKinds"/>); each kind's folder reads them back by name
/// (<c>manifest.Files</c>).
/// </summary>
/// <param name="Personality">The app's personality name (app manifests only; required there).</param>
/// <param name="Hostname">The guest's hostname (host manifests only; optional).</param>
/// <param name="HostnameOrigin">Where <c>hostname:</c> is written.</param>
/// <param name="Origin">Where the manifest's top-level mapping starts.</param>
public sealed record Manifest(Role Role, string? Personality, string? Hostname, Origin? HostnameOrigin, Origin Origin)
{
    /// <summary>Where <c>role:</c> is written: a role that does not fit its volume is reported there.</summary>
    public Origin? RoleOrigin { get; init; }

    /// <summary>What each kind's reader returned, for every kind of <see cref="ItemKinds.All"/>.</summary>
    internal IReadOnlyDictionary<IItemKind, object> ItemsByKind { private get; init; } = new Dictionary<IItemKind, object>();

    /// <summary>The manifest's items of one kind, as its reader returned them.</summary>
    internal TItems Items<TItems>(ItemKind<TItems> kind) where TItems : class => (TItems)ItemsByKind[kind];
}
