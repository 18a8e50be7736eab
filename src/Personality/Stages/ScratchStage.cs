using Personality.Core;
using Personality.Pipeline;
using Personality.Plan.ReadOnlyRoot;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>
/// The scratch area at RW_MOUNT: an /etc/fstab entry, else the RW_LABEL device (both wiped
/// first), else tmpfs with RW_OPTIONS. A device in use as state or config is never wiped.
/// </summary>
public sealed class ScratchStage : IStage
{
    public StageName Name => StageName.Scratch;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        if (!run.Settings.ReadOnlyRoot) return [];
        var tmpfs = Tmpfs(run);
        var device = AreaMount.FromFstabOrLabel(run, Name, "scratch", run.Settings.RwMount, run.Settings.RwLabel, "RW_LABEL", extraFstabOptions: null);
        if (device is not null && InUseElsewhere(run, device) is { } use)
        {
            run.Diagnostics.Warn($"the scratch device {device.Device} is also {use}; it is not wiped or used as scratch, tmpfs is used instead",
                device.Origin, "give the scratch area a volume of its own (RW_LABEL), or none");
            run.UsedVolumes.RemoveAll(v => v.Role == "scratch");
            device = null;
        }
        if (device is null)
        {
            run.ScratchReady = tmpfs;
            return [tmpfs];
        }

        // Red Hat: "mount the device, else tmpfs". A device that refuses to mount still leaves a scratch area.
        var withFallback = device with { Fallback = tmpfs, ReadOnlyFallback = false };
        var wipe = new WipeStep(Name, device.Target, device.Origin, withFallback) { DependsOn = [withFallback] };
        run.ScratchReady = wipe;
        return [withFallback, wipe];
    }

    /// <summary>
    /// Why the device must not be wiped: it carries the state or a config label, or is the state
    /// device. Wiping it would destroy what a guest keeps across boots.
    /// </summary>
    private static string? InUseElsewhere(RunContext run, MountStep scratch)
    {
        var s = run.Settings;
        // The same lookups (and origins) as the state-area and volumes stages: answered once, from one scan.
        foreach (var (key, label, origin) in new[]
                 {
                     ("STATE_LABEL", s.StateLabel, s.OriginOf("STATE_LABEL", withValue: false)),
                     ("HOST_LABEL", s.HostLabel, s.OriginOf("HOST_LABEL")),
                     ("APP_LABEL", s.AppLabel, s.OriginOf("APP_LABEL")),
                 })
        {
            if (label.Length == 0) continue;
            if (run.FindLabel(label, origin).Volume is { } v && v.Device == scratch.Device) return $"the {key} volume ({label})";
        }
        var stateFstab = Personality.Plan.Tables.FstabParser.ForMountPoint(run.Root, s.StateMount, new Diagnostics());
        var stateDevice = stateFstab?.Spec switch
        {
            null => null,
            var spec when spec.StartsWith("LABEL=", StringComparison.Ordinal) => run.FindLabel(spec[6..], stateFstab.Origin).Volume?.Device,
            var spec when spec.StartsWith("UUID=", StringComparison.Ordinal) => run.Volumes.FindUuid(spec[5..], false).Volume?.Device,
            var spec => spec,
        };
        return stateDevice == scratch.Device ? "the state area's device in /etc/fstab" : null;
    }

    private static MountStep Tmpfs(RunContext run)
    {
        var options = MountOptions.ParseArguments(run.Settings.RwOptions, out var problem);
        if (options is null)
        {
            run.Diagnostics.Warn($"RW_OPTIONS: {problem}; tmpfs mounted without options", run.Settings.OriginOf("RW_OPTIONS", withValue: false),
                "write RW_OPTIONS=\"-o size=64m\"");
            options = MountOptions.Parse("");
        }
        var source = run.Settings.SourceOf("RW_OPTIONS");
        var origin = source == "default" ? "RW_MOUNT (no fstab entry, no RW_LABEL device)" : source;
        return new MountStep(StageName.Scratch, run.ScratchArea, Origin.Of(origin), "none", "tmpfs", options);
    }
}
