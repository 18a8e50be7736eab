using Personality.Core;
using Personality.Pipeline;
using Personality.Plan.Tables;
using Personality.Steps;

namespace Personality.Plan.ReadOnlyRoot;

/// <summary>
/// Chooses what to mount on an area (scratch or state) in Red Hat's order: an /etc/fstab entry
/// for the mount point, else the device with the area's label. Null when neither exists.
/// </summary>
public static class AreaMount
{
    public static MountStep? FromFstabOrLabel(RunContext run, StageName stage, string role, string mountPoint,
        string label, string labelKey, string? extraFstabOptions)
    {
        var fstab = FstabParser.ForMountPoint(run.Root, mountPoint, run.Diagnostics);
        mountPoint = run.Resolver.ResolveForWrite(mountPoint);
        if (fstab is not null) return FromFstab(run, stage, role, mountPoint, fstab, extraFstabOptions);
        if (label.Length == 0) return null;

        var found = run.FindLabel(label, run.Settings.OriginOf(labelKey, withValue: false));
        if (found.Volume is not { } volume) return null;
        run.UseVolume(role, volume, mountPoint);
        return new MountStep(stage, mountPoint, run.Settings.OriginOf(labelKey), volume.Device, volume.FsType, MountOptions.Parse(""))
        {
            ReadOnlyFallback = true,
        };
    }

    private static MountStep? FromFstab(RunContext run, StageName stage, string role, string mountPoint,
        FstabEntry entry, string? extraOptions)
    {
        var options = MountOptions.Parse(entry.Options + (string.IsNullOrEmpty(extraOptions) ? "" : "," + extraOptions));
        string device;
        var fsType = entry.FsType;
        if (entry.Spec.StartsWith("LABEL=", StringComparison.Ordinal) || entry.Spec.StartsWith("UUID=", StringComparison.Ordinal))
        {
            var byLabel = entry.Spec.StartsWith("LABEL=", StringComparison.Ordinal);
            var key = entry.Spec[(entry.Spec.IndexOf('=') + 1)..];
            var found = byLabel ? run.FindLabel(key, entry.Origin) : run.Volumes.FindUuid(key, false);
            if (!byLabel && found.Problem is not null) run.Diagnostics.Add(found.Problem with { Origin = entry.Origin });
            if (found.Volume is not { } volume)
            {
                if (found.Problem is null)
                    run.Diagnostics.Warn($"{entry.Spec} for {mountPoint} was not found; the area is not mounted from fstab", entry.Origin,
                        "attach the volume, or fix the fstab line");
                return null;
            }
            run.UseVolume(role, volume, mountPoint);
            device = volume.Device;
            if (fsType is "auto" or "") fsType = volume.FsType;
        }
        else
        {
            device = entry.Spec;
            if (fsType is "auto" or "")
            {
                var probed = run.Volumes.Scan().FirstOrDefault(v => v.Device == device);
                if (probed is null)
                {
                    run.Diagnostics.Warn($"cannot tell the filesystem type of {device} for {mountPoint}", entry.Origin,
                        "write the type in the third fstab field");
                    return null;
                }
                fsType = probed.FsType;
            }
        }
        return new MountStep(stage, mountPoint, entry.Origin, device, fsType, options) { ReadOnlyFallback = true };
    }
}
