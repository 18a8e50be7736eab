using Personality.Apply.Mounts;
using Personality.Core;
using Personality.Native;
using Personality.Plan;

namespace Personality.Apply.Steps;

/// <summary>
/// Mounts a filesystem (a device by label, an fstab entry, or tmpfs) on a mount point of the image.
/// A device that refuses read-write (write-protected, iso9660) is mounted read-only when
/// <see cref="ReadOnlyFallback"/> is set, as mount(8) would; the outcome says so.
/// </summary>
public sealed class MountStep(string stage, string target, Origin origin, string source, string fsType, MountOptions options)
    : Step(stage, "mount", target, origin)
{
    public string Device { get; } = source;
    public string FsType { get; } = fsType;
    public MountOptions Options { get; } = options;
    public bool ReadOnlyFallback { get; init; }

    /// <summary>Set when the filesystem ended up mounted read-only.</summary>
    public bool MountedReadOnly { get; private set; }

    public override StepOutcome Apply(ApplyContext context)
    {
        var hostTarget = context.Root.Host(Target);
        var existing = context.Mounts.At(hostTarget);
        if (existing is not null)
        {
            MountedReadOnly = existing.Options.Split(',').Contains("ro");
            return StepOutcome.Unchanged($"already mounted ({existing.FsType} from {existing.Source})");
        }
        if (!Directory.Exists(hostTarget))
            return StepOutcome.Failed($"mount point {Target} does not exist in the image; create the directory in the image");

        try
        {
            try
            {
                MountCalls.Mount(Device, hostTarget, FsType, Options.Flags, Options.Data);
            }
            catch (NativeException e) when (ReadOnlyFallback && e.Errno is Errno.EROFS or Errno.EACCES)
            {
                MountCalls.Mount(Device, hostTarget, FsType, Options.Flags | MountCalls.MS_RDONLY, Options.Data);
                MountedReadOnly = true;
            }
        }
        catch (NativeException e)
        {
            var failure = $"cannot mount {Device} ({FsType}) on {Target}: {Errno.Describe(e.Errno)}; {Advice(e.Errno)}";
            if (Fallback is null) return StepOutcome.Failed(failure);
            context.Diagnostics.Warn($"{failure}; using {Fallback.FsType} instead", Origin);
            var fallback = Fallback.Apply(context);
            MountedReadOnly = Fallback.MountedReadOnly;
            return fallback with { Detail = $"fell back to {Fallback.FsType}: {failure}" };
        }
        finally
        {
            context.Mounts.Invalidate();
        }
        if ((Options.Flags & MountCalls.MS_RDONLY) != 0) MountedReadOnly = true;
        return StepOutcome.Applied(MountedReadOnly ? "mounted read-only" : null);
    }

    /// <summary>What to mount instead when this mount fails (Red Hat: the scratch area falls back to tmpfs).</summary>
    public MountStep? Fallback { get; init; }

    private string Advice(int errno) => errno switch
    {
        Errno.ENODEV => $"the kernel does not support {FsType}; load its module or use another filesystem",
        Errno.ENOENT or Errno.ENOTDIR => $"{Device} or {Target} is missing",
        Errno.EINVAL => "the filesystem or the options are invalid; check them with fsck and the fstab/settings",
        _ => "check the device and the kernel log (dmesg)",
    };

    public override string ToString() => $"mount {FsType} {Device} -> {Target}" + (Options.Flags != 0 || Options.Data.Length > 0 ? $" ({Describe(Options)})" : "");

    private static string Describe(MountOptions o)
    {
        var parts = new List<string>();
        if ((o.Flags & MountCalls.MS_RDONLY) != 0) parts.Add("ro");
        if ((o.Flags & MountCalls.MS_NOSUID) != 0) parts.Add("nosuid");
        if ((o.Flags & MountCalls.MS_NODEV) != 0) parts.Add("nodev");
        if ((o.Flags & MountCalls.MS_NOEXEC) != 0) parts.Add("noexec");
        if (o.Data.Length > 0) parts.Add(o.Data);
        return string.Join(',', parts);
    }
}
