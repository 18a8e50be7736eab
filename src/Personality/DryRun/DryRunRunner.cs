using Personality.Core;
using Personality.Pipeline;
using Personality.Services;
using Personality.Steps;

namespace Personality.DryRun;

/// <summary>
/// Dry-run's runner: records each step as planned and changes nothing. Where boot would find
/// nothing to do by reading the tree alone (a service already as wanted), it says so, as boot would.
/// </summary>
public sealed class DryRunRunner(TargetRoot root) : IStepRunner
{
    private readonly ServiceQuery _services = new(root);

    public string DependencyVerb => "would not";

    /// <summary>Mounted "ro", or a filesystem that is read-only by nature (iso9660).</summary>
    private static bool WillBeReadOnly(MountStep m) =>
        (m.Options.Flags & Native.MountCalls.MS_RDONLY) != 0 || m.FsType.StartsWith("iso9660", StringComparison.Ordinal);

    public StepOutcome Execute(Step step, Ledger ledger) => step switch
    {
        ServiceStep s when _services.LevelsToChange(s.Target, s.On, s.ServiceLevels) == 0 =>
            StepOutcome.Unchanged($"already {(s.On ? "on" : "off")} in levels {s.ServiceLevels}"),
        ServiceStep s => ServicePrediction.Of(root, s),
        // Later stages ask whether a mount came up read-only; answer as boot will when it can be told now.
        MountStep m when WillBeReadOnly(m) => StepOutcome.Planned("will be read-only") with { MountedReadOnly = true },
        _ => StepOutcome.Planned(),
    };
}
