using Personality.Apply.Mounts;
using Personality.Apply.Steps;
using Personality.Core;
using Personality.Manifests;
using Personality.Record;

namespace Personality.Plan.Personalities;

/// <summary>
/// Finds the host and app volumes by label, mounts them nosuid,nodev on mount points of the
/// image, and reads their manifests. A missing volume is not a problem: the guest simply has no
/// such personality. A broken manifest is an error and nothing of that volume is applied.
/// </summary>
public static class ConfigVolumePlanner
{
    public const string Stage = "volumes";

    public static IReadOnlyList<ConfigVolume> MountAndRead(PlanContext context, IStepRunner runner, List<Step> record)
    {
        var volumes = new List<ConfigVolume>();
        foreach (var (role, labelKey, mountKey) in new[] { (Role.Host, "HOST_LABEL", "HOST_MOUNT"), (Role.App, "APP_LABEL", "APP_MOUNT") })
        {
            var label = context.Settings.Value(labelKey);
            if (label.Length == 0) continue;
            var origin = Origin.Of($"{context.Settings[labelKey].Source} ({labelKey}={label})");
            var found = context.FindLabel(label, origin);
            if (found.Volume is not { } volume) continue;

            var mountPoint = context.Resolver.ResolveForWrite(context.Settings.Value(mountKey));
            var mount = new MountStep(Stage, mountPoint, origin, volume.Device, volume.FsType, MountOptions.Parse("nosuid,nodev"))
            {
                ReadOnlyFallback = true,
            };
            record.Add(mount);
            runner.Run([mount]);
            var roleName = role.ToString().ToLowerInvariant();
            context.UsedVolumes.Add(new VolumeRecord(roleName, volume.Label, volume.Device, volume.Uuid, volume.FsType, volume.AppearedMs, mountPoint));
            if (mount.Outcome is not { Succeeded: true }) continue;

            var content = context.ContentOf(mount);
            var manifestFile = Path.Combine(content, ManifestReader.FileName);
            if (!File.Exists(manifestFile))
            {
                context.Diagnostics.Error($"the {roleName} volume {label} has no {ManifestReader.FileName}; nothing of it is applied",
                    Origin.Of($"{label}:{ManifestReader.FileName}"), $"put a version 1 {ManifestReader.FileName} at the volume's top level");
                continue;
            }
            var manifest = ManifestReader.Read(label, manifestFile, context.Diagnostics);
            if (manifest is null) continue;
            if (manifest.Role != role)
            {
                context.Diagnostics.Error($"the manifest says role {manifest.Role.ToString().ToLowerInvariant()}, but it is on the {roleName} volume ({labelKey}={label}); nothing of it is applied",
                    manifest.RoleOrigin ?? manifest.Origin, $"write role: {roleName}, or relabel the volume");
                continue;
            }
            volumes.Add(new ConfigVolume(role, label, mount, content, manifest));
        }
        return volumes;
    }
}
