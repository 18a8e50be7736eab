using Personality.Core;
using Personality.Pipeline;
using Personality.Services;
using Personality.Steps;

namespace Personality.Items.Services;

/// <summary>
/// Services are reconciled, not only toggled: a service a previous personality changed and the
/// current ones do not mention goes back to how it was before (the image's setting); a service
/// the current ones change is recorded with its state from before any personality touched it.
/// </summary>
public static class ServiceReconciliation
{
    /// <param name="wanted">The current personalities' toggles (already checked against the policy).</param>
    /// <param name="by">Who holds a change now: the personality's name, or the host role.</param>
    public static (IReadOnlyList<ServiceStep> Restores, PendingRecord<ChangedService> Pending) Plan(
        StageName stage, (string GuestFile, string HostFile) where, IReadOnlyList<ServiceStep> wanted, ServiceQuery query,
        ServiceBackendKind backend, ChosenDialect dialect, Func<ServiceStep, string> by, Diagnostics diagnostics)
    {
        var recorded = ServiceChanges.Read(where.HostFile, diagnostics, where.GuestFile);
        var previous = recorded.GroupBy(c => (c.Service, c.Level)).ToDictionary(g => g.Key, g => g.First());
        var wantedLevels = new HashSet<(string, int)>();
        var held = new List<ChangedService>();
        foreach (var step in wanted)
        {
            foreach (var level in Levels(step.ServiceLevels))
            {
                wantedLevels.Add((step.Target, level));
                // The state before any personality: the recorded one, else what the tree has now.
                var wasOn = previous.TryGetValue((step.Target, level), out var known) ? known.WasOn : query.IsOn(step.Target, level);
                if (wasOn != step.On) held.Add(new ChangedService(step.Target, level, wasOn, by(step)));
            }
        }

        var origin = Origin.Of(where.GuestFile);
        var restores = new List<(Step, IReadOnlyList<ChangedService>)>();
        var steps = new List<ServiceStep>();
        foreach (var service in previous.Values.Where(c => !wantedLevels.Contains((c.Service, c.Level))).GroupBy(c => c.Service))
        {
            if (!query.Exists(service.Key)) continue; // gone from the image: nothing to put back
            foreach (var group in service.GroupBy(c => c.WasOn))
            {
                var levels = string.Concat(group.Select(c => c.Level).Order());
                var step = new ServiceStep(stage, service.Key, origin with { File = $"{origin.File} (changed by {string.Join(", ", group.Select(c => c.By).Distinct())}, not asked for now)" },
                    group.Key, levels, backend, dialect.Dialect) { Note = dialect.StepNote };
                steps.Add(step);
                restores.Add((step, group.ToList()));
            }
        }
        return (steps, new PendingRecord<ChangedService>(where.GuestFile, recorded, held, restores, ServiceChanges.Write));
    }

    private static IEnumerable<int> Levels(string levels) =>
        (string.IsNullOrEmpty(levels) ? ServiceSettings.DefaultLevels : levels).Where(char.IsAsciiDigit).Select(c => c - '0').Distinct();
}
