using Personality.Manifests;
using Personality.Pipeline;
using Personality.Plan.Personalities;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>
/// Finds the host and app volumes by label and mounts them nosuid,nodev on mount points of the
/// image. A missing volume is not a problem: the guest simply has no such personality.
/// </summary>
public sealed class VolumesStage : IStage
{
    public StageName Name => StageName.Volumes;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var s = run.Settings;
        var steps = new List<Step>();
        foreach (var (role, labelKey, label, mountKey, mountPoint) in new[]
                 {
                     (Role.Host, "HOST_LABEL", s.HostLabel, "HOST_MOUNT", s.HostMount),
                     (Role.App, "APP_LABEL", s.AppLabel, "APP_MOUNT", s.AppMount),
                 })
        {
            if (label.Length == 0) continue;
            var origin = s.OriginOf(labelKey);
            var found = run.FindLabel(label, origin);
            if (found.Volume is not { } volume) continue;

            var target = run.Resolver.ResolveForWrite(mountPoint);
            var mount = new MountStep(Name, target, origin, volume.Device, volume.FsType, MountOptions.Parse("nosuid,nodev"))
            {
                ReadOnlyFallback = true,
            };
            run.UseVolume(role.ToString().ToLowerInvariant(), volume, target);
            run.ConfigMounts.Add(new ConfigVolumeMount(role, label, labelKey, mount));
            steps.Add(mount);
        }
        return steps;
    }
}
