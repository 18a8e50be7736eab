using Personality.Record;
using Personality.Steps;

namespace Personality.Status;

/// <summary>
/// Every volume the run used is still attached and still mounted at its mount point. A volume whose
/// mount failed or fell back to tmpfs is not checked: the record already says so. A mount point with
/// nothing mounted is the mount check's finding, not reported twice.
/// </summary>
public sealed class VolumeDriftCheck : IDriftCheck
{
    public string Kind => "volume";

    public IEnumerable<Drift> Check(StatusRecord record, DriftContext context)
    {
        foreach (var v in record.Volumes)
        {
            if (v.Device.Length == 0 || !v.MountPoint.StartsWith('/')) continue;
            var mountStep = record.Steps.LastOrDefault(s => s.Kind == StepKind.Mount && s.Target == v.MountPoint);
            if (mountStep is not null && (!mountStep.Succeeded || mountStep.FellBackTo is not null))
                continue;

            var target = $"{v.Label} ({v.Role})";
            var device = context.Devices.Find(v.Device);
            if (!device.Present)
            {
                yield return new Drift(Kind, target, $"{v.Device} attached", $"{v.Device} is gone", mountStep?.Origin);
                continue;
            }
            var mounted = context.Mounts.At(context.Root.Host(v.MountPoint));
            if (mounted is null)
            {
                if (mountStep is null)
                    yield return new Drift(Kind, target, $"{v.Device} mounted on {v.MountPoint}", $"nothing mounted on {v.MountPoint}");
                continue;
            }
            var same = mounted.Source == v.Device || (device.MajorMinor is { } mm && mounted.MajorMinor == mm);
            if (!same)
                yield return new Drift(Kind, target, $"{v.Device} mounted on {v.MountPoint}",
                    $"{v.MountPoint} shows {mounted.Source} ({mounted.FsType})", mountStep?.Origin);
        }
    }
}
