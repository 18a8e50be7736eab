using Personality.Core;
using Personality.Discovery;
using Personality.Pipeline;
using Personality.Record;

namespace Personality.DryRun;

/// <summary>`personality dry-run`: the shared run with the given volumes and a runner that only records.</summary>
public static class DryRunPlan
{
    public static RunRecord Execute(TargetRoot root, string cmdline, IReadOnlyList<GivenVolume> volumes)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = new PersonalityRun("dry-run", root, cmdline);
        if (!run.Record.Disabled) run.RunStages(new DirectoryVolumes(volumes), _ => new DryRunRunner(root));
        run.Record.TotalMilliseconds = started.Elapsed.TotalMilliseconds;
        return run.Record;
    }
}
