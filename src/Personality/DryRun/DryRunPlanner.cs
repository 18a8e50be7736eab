using Personality.Boot;
using Personality.Core;
using Personality.Discovery;
using Personality.Plan;
using Personality.Record;
using Personality.Settings;

namespace Personality.DryRun;

/// <summary>
/// Computes the plan `boot` would execute on a tree, with the same stages and planners, but
/// with volumes from directories and a runner that records instead of applying.
/// </summary>
public static class DryRunPlanner
{
    public static RunRecord Plan(TargetRoot root, string cmdline, IReadOnlyList<GivenVolume> volumes)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var record = new RunRecord("dry-run", root, DateTimeOffset.UtcNow);
        var settings = SettingsLoader.Load(root, cmdline, record.Diagnostics);
        record.Settings = settings;
        if (!settings.Enabled)
        {
            record.Disabled = true;
            record.DisabledReason = $"ENABLED={settings.Value("ENABLED")} from {settings["ENABLED"].Source}";
            return record;
        }
        var context = new PlanContext(root, settings, new DirectoryVolumes(volumes), record.Diagnostics) { DryRun = true };
        StageSequence.Run(context, new PlanRecorder(), record.Steps);
        record.Volumes.AddRange(context.UsedVolumes);
        record.Personality = context.PersonalityName;
        record.TotalMilliseconds = started.Elapsed.TotalMilliseconds;
        return record;
    }
}
