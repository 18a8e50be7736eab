namespace Personality.Services;

/// <summary>
/// chkconfig's priorities for LSB services (its "frobDependencies"). Every LSB service starts at
/// its header's priorities, or S50/K50 without them. For each Required-/Should-Start entry
/// that names another script (by name or by one of its Provides) which is on in every level
/// where this service is on, the start priority becomes at least that script's + 1 (at most
/// 99); likewise Required-/Should-Stop lower the stop priority to at most that script's - 1
/// (at least 0). Names that match no script ($network when no script provides it) are ignored.
/// This repeats over all LSB services until nothing moves; whenever a service's priorities
/// move, its existing links are renamed to match, keeping on/off. Finally the service being
/// changed gets its priorities the same way, its links are renamed, and levels where it has
/// no link yet get one according to its default levels.
/// chkconfig 1.3.30 (<see cref="ChkconfigRules"/>) counts a dependency whatever its state, and
/// leaves the changed service out of the services the others are resolved against.
/// </summary>
public sealed class PriorityResolver(ServiceCatalog catalog, LinkFarm farm, Action<string> error, ChkconfigRules rules)
{
    // Every pass moves a priority by at least one step within 0-99, so this is never reached;
    // it only makes sure a boot can never spin here.
    private const int MaxPasses = 100_000;

    public void Resolve(ServiceInfo target)
    {
        var all = catalog.ReadAll();
        if (!rules.ChangedServiceCountsForOthers) all.RemoveAll(s => s.Name == target.Name);
        foreach (var s in all)
            if (s.Name == target.Name) s.CurrentLevels = target.CurrentLevels;

        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var moved = 0;
            foreach (var s in all)
                if (s.IsLsb && ResolveOne(s, all, isTarget: false)) moved++;
            if (moved == 0) break;
        }
        ResolveOne(target, all, isTarget: true);
    }

    private bool ResolveOne(ServiceInfo s, List<ServiceInfo> all, bool isTarget)
    {
        var start0 = s.StartPriority;
        var stop0 = s.StopPriority;
        if (s.StartPriority < 0) s.StartPriority = 50;
        if (s.StopPriority is < 0 or > 99) s.StopPriority = 50; // unknown: 100, or -1 for chkconfig 1.3.30
        foreach (var other in all)
        {
            After(s, s.RequiredStart, other);
            After(s, s.ShouldStart, other);
            Before(s, s.RequiredStop, other);
            Before(s, s.ShouldStop, other);
        }
        if (!isTarget && s.StartPriority == start0 && s.StopPriority == stop0) return false;

        for (var level = 0; level < RunLevels.Count; level++)
        {
            if (farm.IsConfigured(s.Name, level, out var type, out var priority, out var count))
            {
                var on = farm.IsOn(s.Name, level);
                var wanted = on ? s.StartPriority : s.StopPriority;
                if (count != 1 || wanted != priority || type != (on ? 'S' : 'K'))
                    Report(farm.Set(s.Name, level, on, wanted));
            }
            else if (isTarget)
                Report(farm.Set(s.Name, level, RunLevels.Contains(s.Levels, level), RunLevels.Contains(s.Levels, level) ? s.StartPriority : s.StopPriority));
        }
        return true;
    }

    private void After(ServiceInfo s, IReadOnlyList<string>? deps, ServiceInfo other)
    {
        if (deps is null || !Counts(s, deps, other)) return;
        if (s.StartPriority <= other.StartPriority) s.StartPriority = Math.Min(other.StartPriority + 1, 99);
    }

    private void Before(ServiceInfo s, IReadOnlyList<string>? deps, ServiceInfo other)
    {
        if (deps is null || !Counts(s, deps, other)) return;
        if (s.StopPriority >= other.StopPriority) s.StopPriority = Math.Max(other.StopPriority - 1, 0);
    }

    private bool Counts(ServiceInfo s, IReadOnlyList<string> deps, ServiceInfo other) =>
        Matches(deps, other) && (!rules.DependencyMustBeOnWhereverDependentIs || OnWherever(s, other));

    private static bool Matches(IReadOnlyList<string> deps, ServiceInfo other)
    {
        foreach (var d in deps)
            if (d == other.Name || other.Provides.Contains(d)) return true;
        return false;
    }

    // chkconfig's isSimilarlyConfigured: the dependency is on in every level where s is on.
    private static bool OnWherever(ServiceInfo s, ServiceInfo other) => (s.CurrentLevels & other.CurrentLevels) == s.CurrentLevels;

    private void Report(string? problem)
    {
        if (problem is not null) error(problem);
    }
}
