using Personality.Apply.Copying;
using Personality.Core;
using Personality.Native;
using Personality.Plan;

namespace Personality.Apply.Steps;

/// <summary>
/// Copies a guest path into a writable area (scratch or state) at the same path below it, with
/// its attributes, creating missing parents like "cp -a --parents".
/// </summary>
public sealed class CopyStep(string stage, Origin origin, string guestSource, string areaGuestPath, string pathInArea, CopyMode mode)
    : Step(stage, "copy", areaGuestPath + pathInArea, origin)
{
    // Source is shown in the record as the guest path copied from.
    /// <summary>Where below the area the copy goes; the same as the source path, except for initramfs state.</summary>
    public string PathInArea { get; } = pathInArea;
    /// <summary>Guest path of the area root (RW_MOUNT, STATE_MOUNT) the copy goes below.</summary>
    public string Area { get; } = areaGuestPath;
    public CopyMode Mode { get; } = mode;
    /// <summary>Copy on first use: do nothing when the destination already exists (state volumes).</summary>
    public bool OnlyIfMissing { get; init; }
    /// <summary>False for the scratch area, which does not outlive the boot: no sync before rename.</summary>
    public bool Durable { get; init; } = true;
    /// <summary>The bind that will show this copy; when it is already in place, the copy was done by an earlier run.</summary>
    public BindStep? ShownBy { get; set; }

    /// <summary>Guest path copied from.</summary>
    public string GuestPath { get; } = guestSource;

    public override StepOutcome Apply(ApplyContext context)
    {
        var hostSource = context.Root.Host(GuestPath);
        var hostArea = context.Root.Host(Area);
        var hostDestination = hostArea + PathInArea;
        if (ShownBy is not null && ShownBy.IsInPlace(context))
            return StepOutcome.Unchanged($"{ShownBy.Target} is already bound from an earlier run");
        if (OnlyIfMissing && (File.Exists(hostDestination) || Directory.Exists(hostDestination) || IsSymlink(hostDestination)))
            return StepOutcome.Unchanged("already there");

        int parents;
        CopyResult result;
        try
        {
            var copier = context.CopierFor(Durable);
            // A config volume's state/ folder is made on first use (the area's own mount point exists).
            if (!Directory.Exists(hostArea) && Directory.Exists(Path.GetDirectoryName(hostArea)))
                FileCalls.Mkdir(hostArea, 0x1ED); // 0755
            parents = copier.EnsureParents(context.Root.Host("/"), PathInArea, hostArea);
            // Leftovers of an interrupted first copy only matter on a persistent area; scratch starts empty.
            if (Durable) copier.RemoveStaleTemporaries(Path.GetDirectoryName(hostDestination)!);
            result = copier.Copy(hostSource, hostDestination, Mode);
        }
        catch (NativeException e) when (e.Errno == Errno.ENOSPC)
        {
            return StepOutcome.Failed($"{GuestPath} does not fit in {Area}: no space left on the device; nothing was left half-copied. " +
                                      "Make the volume bigger or list fewer paths");
        }
        catch (NativeException e) when (e.Errno == Errno.EROFS)
        {
            return StepOutcome.Failed($"{Area} is read-only, {GuestPath} cannot be copied there; mount it read-write");
        }
        if (!result.Changed && parents == 0) return StepOutcome.Unchanged("already there");
        return StepOutcome.Applied($"{result.Created} created, {result.Replaced} replaced, {result.Bytes} bytes");
    }

    private static bool IsSymlink(string path)
    {
        try { return new FileInfo(path).LinkTarget is not null; }
        catch (IOException) { return false; }
    }

    public override string ToString() => $"copy {ModeName} {GuestPath} -> {Target}";

    private string ModeName => Mode switch
    {
        CopyMode.Full => "files",
        CopyMode.DirectoriesOnly => "dirs",
        _ => "empty",
    };
}
