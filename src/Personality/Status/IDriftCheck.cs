using Personality.Record;
using Personality.Apply.Mounts;
using Personality.Core;
using Personality.Items;

namespace Personality.Status;

/// <summary>
/// Checks one kind of recorded effect against the live system. There is one implementation per
/// kind (mount, bind, volume, service): the checks of effects any stage makes live here and are
/// listed in <see cref="DriftChecks.Default"/>; a check of what only one manifest item kind does
/// (services) lives in that kind's folder and comes from its <see cref="IItemKind.DriftCheck"/>.
/// A check looks only at the record entries of its kind and ignores every other.
/// </summary>
public interface IDriftCheck
{
    /// <summary>The <see cref="Drift.Kind"/> this check reports.</summary>
    string Kind { get; }

    IEnumerable<Drift> Check(StatusRecord record, DriftContext context);
}

/// <summary>What the checks look at: the target tree, the mounts this process sees, the block devices.</summary>
public sealed class DriftContext(TargetRoot root, MountTable mounts, BlockDevicePresence devices)
{
    public TargetRoot Root { get; } = root;
    public MountTable Mounts { get; } = mounts;
    public BlockDevicePresence Devices { get; } = devices;
}

/// <summary>The checks `personality status` runs, in this order.</summary>
public static class DriftChecks
{
    public static IReadOnlyList<IDriftCheck> Default { get; } =
    [
        new MountDriftCheck(), new BindDriftCheck(), new VolumeDriftCheck(),
        .. ItemKinds.All.Select(kind => kind.DriftCheck).OfType<IDriftCheck>(),
    ];

    /// <summary>Every drift the checks find; a check that cannot look (no /proc) says so as one drift entry.</summary>
    public static IReadOnlyList<Drift> Run(StatusRecord record, DriftContext context, IEnumerable<IDriftCheck>? checks = null)
    {
        var result = new List<Drift>();
        foreach (var check in checks ?? Default)
        {
            try
            {
                result.AddRange(check.Check(record, context));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.Add(new Drift(check.Kind, "*", "checked", $"cannot check: {e.Message}"));
            }
        }
        return result;
    }
}
