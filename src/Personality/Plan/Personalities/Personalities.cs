using Personality.Core;

namespace Personality.Plan.Personalities;

/// <summary>
/// The config volumes whose manifests were accepted, the items the ownership policy rejected
/// (by origin: each item has its own line and column), and the image's accounts for owners.
/// </summary>
public sealed record Personalities(IReadOnlyList<ConfigVolume> Volumes, IReadOnlySet<Origin> Rejected, Accounts Accounts, string? Name)
{
    public static Personalities None { get; } = new([], new HashSet<Origin>(), Accounts.Empty, null);

    public bool IsRejected(Origin item) => Rejected.Contains(item);

    /// <summary>Each volume's items that the ownership policy accepted, in volume then manifest order.</summary>
    public IEnumerable<(ConfigVolume Volume, T Item)> Accepted<T>(Func<Manifests.Manifest, IEnumerable<T>> items) where T : Items.IManifestItem =>
        Volumes.SelectMany(v => items(v.Manifest).Where(i => !IsRejected(i.Origin)).Select(i => (v, i)));
}
