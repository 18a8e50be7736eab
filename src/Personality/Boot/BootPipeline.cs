using System.Diagnostics;
using Personality.Apply;
using Personality.Apply.Mounts;
using Personality.Core;
using Personality.Discovery;
using Personality.Plan;
using Personality.Record;
using Personality.Settings;
using Personality.Status;

namespace Personality.Boot;

/// <summary>
/// `personality boot`: settings -> discovery -> plan -> apply -> record. Stages that depend on a
/// volume's content (the statetab) are planned once the volume is mounted.
/// </summary>
public sealed class BootPipeline(TargetRoot root, string cmdline, IBlockDeviceSource devices, ISuperblockReader superblocks)
{
    public RunRecord Run(Stopwatch sinceStart)
    {
        var record = new RunRecord("boot", root, DateTimeOffset.UtcNow);
        var settings = SettingsLoader.Load(root, cmdline, record.Diagnostics);
        record.Settings = settings;
        using var log = new BootLog(root, settings.Debug);

        if (!settings.Enabled)
        {
            record.Disabled = true;
            record.DisabledReason = $"ENABLED={settings.Value("ENABLED")} from {settings["ENABLED"].Source}";
        }
        else
        {
            if (!settings.ReadOnlyRootActive)
                log.Info("read-only root is off (READONLY and TEMPORARY_STATE are not set to yes)");
            var discovery = new VolumeDiscovery(devices, superblocks,
                new DiscoveryOptions(settings.DeviceTimeout, TimeSpan.FromMilliseconds(100), settings.PinnedUuids()), sinceStart);
            var context = new PlanContext(root, settings, discovery, record.Diagnostics);
            var applier = new Applier(new ApplyContext(root, new MountTable(), record.Diagnostics, log), log);
            // status --wait waits while this marker names a live boot; /var/run may become writable only after the rwtab binds.
            var marked = BootInProgress.Mark(root);
            StageSequence.Run(context, applier, record.Steps, () => marked = marked || BootInProgress.Mark(root));
            record.Volumes.AddRange(context.UsedVolumes);
            record.Personality = context.PersonalityName;
            record.Diagnostics.AddRange(discovery.Diagnostics);
        }

        record.TotalMilliseconds = sinceStart.Elapsed.TotalMilliseconds;
        foreach (var d in record.Diagnostics.All) log.Diagnostic(d);
        log.Info($"{record.Result.ToString().ToLowerInvariant()} in {record.TotalMilliseconds:0.0} ms, {record.Steps.Count} steps");
        if (!record.Disabled && !log.Flush(root, out var problem))
            log.Debug($"log file not written: {problem}");
        return record;
    }
}
