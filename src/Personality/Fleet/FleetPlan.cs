namespace Personality.Fleet;

/// <summary>One guest in a plan: what build would change, and what the dry run found.</summary>
public sealed record GuestPlan(GuestChanges Changes, DryRunOutcome DryRun)
{
    /// <summary>new, changed or unchanged: what build would do to the guest's folder.</summary>
    public string Status => Changes.New ? "new" : Changes.Any ? "changed" : "unchanged";

    /// <summary>What the guest itself would go through: started (new), restarted (a volume or its domain changed), or nothing.</summary>
    public string Effect => Changes.New ? "start" : Changes.NeedRestart.Count > 0 ? "restart" : "none";
}

/// <summary>
/// `fleet plan`: for every guest, what build would make or change in the output folder and why,
/// whether the guest would be started or restarted, and its dry run; plus the guest folders the
/// fleet no longer names. Writes nothing.
/// </summary>
public sealed record FleetPlan(Fleet Fleet, string OutputDirectory, IReadOnlyList<GuestPlan> Guests, IReadOnlyList<string> Orphans)
{
    public bool HasErrors => Guests.Any(g => g.DryRun.Errors > 0);

    /// <summary>Why no guest was dry-run, or null when they were.</summary>
    public string? NotDryRun => Guests.Count > 0 && Guests.All(g => !g.DryRun.Ran) ? Guests[0].DryRun.NotRunBecause : null;

    public static FleetPlan Make(Fleet fleet, string outputDirectory)
    {
        var changes = GuestInputs.Compare(fleet, outputDirectory);
        var dryRuns = GuestDryRun.RunAll(fleet, changes.Select(c => c.Guest).ToList());
        var guests = changes.Select((c, i) => new GuestPlan(c, dryRuns[i])).ToList();
        return new FleetPlan(fleet, outputDirectory, guests, Orphaned(fleet, outputDirectory));
    }

    /// <summary>Guest folders (holding a build record) of guests the fleet no longer has: build leaves them; a later `fleet down` removes them.</summary>
    private static IReadOnlyList<string> Orphaned(Fleet fleet, string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory)) return [];
        var names = fleet.Guests.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateDirectories(outputDirectory)
            .Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.') && !names.Contains(n) && File.Exists(Path.Combine(outputDirectory, n, GuestLayout.RecordName)))
            .Order(StringComparer.Ordinal).ToList();
    }
}
