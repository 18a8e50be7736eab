using Personality.Items.Files;
using Personality.Items.Hooks;
using Personality.Items.Mounts;
using Personality.Items.Network;
using Personality.Items.Services;
using Personality.Items.State;

namespace Personality.Items;

/// <summary>
/// Every kind of manifest item, each registered once, here. The order is the manifest's: the order
/// of the keys in personality.yaml (and in "expected one of"), of reading (so of the errors
/// reported) and of the claims. The stages do not follow it: they run in <see cref="Pipeline.StageName"/> order.
/// </summary>
internal static class ItemKinds
{
    public static IReadOnlyList<IItemKind> All { get; } =
    [
        StateKind.Instance,
        FilesKind.Instance,
        MountsKind.Instance,
        ServicesKind.Instance,
        HooksKind.Instance,
        NetworkKind.Instance,
    ];
}
