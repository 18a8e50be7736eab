using System.Diagnostics;
using Personality.Apply.Mounts;
using Personality.Core;
using Personality.Discovery;
using Personality.Pipeline;
using Personality.Record;
using Personality.Record.History;
using Personality.Record.Logging;

namespace Personality.Apply;

/// <summary>
/// `personality boot`: the shared run with block devices as the volume source and the boot
/// runner; the log goes to the kernel log as it happens and to the log file at the end.
/// </summary>
public static class BootRun
{
    public static RunRecord Execute(TargetRoot root, string cmdline, IBlockDeviceSource devices, ISuperblockReader superblocks, Stopwatch sinceStart)
    {
        var run = new PersonalityRun("boot", root, cmdline);
        var record = run.Record;
        try
        {
            using var bootLogger = new BootLogger(root, run.Settings.Debug);
            var log = bootLogger.Logger;
            if (!record.Disabled)
            {
                if (!run.Settings.ReadOnlyRoot) log.ReadOnlyRootOff();
                var discovery = new VolumeDiscovery(devices, superblocks,
                    new DiscoveryOptions(run.Settings.DeviceTimeout, TimeSpan.FromMilliseconds(100), run.Settings.PinnedUuids), sinceStart);
                var apply = new ApplyContext(root, new MountTable(), record.Diagnostics, log);
                // status --wait waits while this marker names a live boot; /var/run may become writable only after the rwtab binds.
                var marked = BootInProgress.Mark(root);
                run.RunStages(discovery, _ => new BootRunner(apply), log.StepRecorded,
                    stage => marked = marked || (stage == StageName.Rwtab && BootInProgress.Mark(root)));
            }

            run.KeepState();
            record.TotalMilliseconds = sinceStart.Elapsed.TotalMilliseconds;
            AppendHistory(root, record);
            foreach (var d in record.Diagnostics.All) log.Diagnostic(d);
            log.RunFinished(record.Result.ToString().ToLowerInvariant(), record.TotalMilliseconds, record.Steps.Count);
            if (!record.Disabled && !bootLogger.Flush(root, out var problem)) log.LogFileNotWritten(problem);
        }
        catch (Exception e)
        {
            // A bug around the stages (the log, discovery set-up): the steps already made stay in the
            // record, and its ledger still decides boot's exit status.
            record.TotalMilliseconds = sinceStart.Elapsed.TotalMilliseconds;
            record.Diagnostics.Error($"internal error: {e.GetType().Name}: {e.Message}; the rest of the run was not done", hint: "report this with the record");
        }
        return record;
    }

    /// <summary>The boot goes into the history on the state volume, when this boot mounted one writable.</summary>
    private static void AppendHistory(TargetRoot root, RunRecord record)
    {
        if (record.WritableStateArea is not { } area) return;
        try
        {
            BootHistory.Append(root, area, record);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            record.Diagnostics.Warn($"the boot history was not written: {e.Message}", Core.Origin.Of(area + BootHistory.RelativePath),
                "check the state volume (full, or read-only?)");
        }
    }
}
