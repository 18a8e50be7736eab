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
}
