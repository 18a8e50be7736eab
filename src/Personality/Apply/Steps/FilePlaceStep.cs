using Personality.Core;
using Personality.Manifests;
using Personality.Native;
using Personality.Plan;

namespace Personality.Apply.Steps;

/// <summary>
/// A manifest `files` item. Copy: written next to the target under a temporary name with its
/// mode and owner, then renamed into place (the target's directory must be writable, e.g. an
/// rwtab entry). Bind: the volume's file gets the mode and owner and is bind-mounted over the
/// target, which must exist in the image.
/// </summary>
public sealed class FilePlaceStep(string stage, string target, Origin origin, FileHow how, int? mode, (uint Uid, uint Gid)? owner, bool slave)
    : Step(stage, how == FileHow.Copy ? "file-copy" : "file-bind", target, origin)
{
    public override StepOutcome Apply(ApplyContext context)
    {
        var hostSource = context.Root.Host(Source!);
        var hostTarget = context.Root.Host(Target);
        return how == FileHow.Copy ? Copy(hostSource, hostTarget) : Bind(context, hostSource, hostTarget);
    }

    private StepOutcome Copy(string hostSource, string hostTarget)
    {
        if (IsCurrent(hostSource, hostTarget)) return StepOutcome.Unchanged();
        var directory = Path.GetDirectoryName(hostTarget)!;
        if (!Directory.Exists(directory))
            return StepOutcome.Failed($"{Path.GetDirectoryName(Target)} does not exist in the image; create it or use another path");
        if (!SystemCalls.IsWritable(directory))
            return StepOutcome.Failed($"{Path.GetDirectoryName(Target)} is read-only; list it in /etc/rwtab, or use how: bind over a file that exists in the image");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(hostTarget)}.personality-tmp");
        try
        {
            File.Copy(hostSource, temporary, overwrite: true);
            SetAttributes(temporary, hostSource);
            FileCalls.Rename(temporary, hostTarget);
        }
        catch
        {
            FileCalls.TryRemove(temporary, directory: false);
            throw;
        }
        return StepOutcome.Applied();
    }

    private StepOutcome Bind(ApplyContext context, string hostSource, string hostTarget)
    {
        if (!File.Exists(hostTarget))
            return StepOutcome.Failed($"{Target} does not exist in the image: a bind needs an existing file; use how: copy into a writable directory");
        SetAttributes(hostSource, hostSource);
        if (context.Mounts.IsBoundFrom(hostTarget, hostSource)) return StepOutcome.Unchanged("already bound");
        MountCalls.Mount(hostSource, hostTarget, null, MountCalls.MS_BIND, null);
        if (slave) MountCalls.Mount(null, hostTarget, null, MountCalls.MS_SLAVE, null);
        context.Mounts.RecordBind(hostSource, hostTarget);
        return StepOutcome.Applied();
    }

    private void SetAttributes(string path, string modeFrom)
    {
        var current = FileCalls.LStat(modeFrom);
        FileCalls.Chmod(path, (uint)(mode ?? (int)(current.Mode & 0xFFF)));
        if (owner is { } o)
        {
            var errno = FileCalls.TryLChown(path, o.Uid, o.Gid);
            if (errno != 0) throw new NativeException("chown", path, errno);
        }
    }

    /// <summary>Same content, mode and owner already: nothing to do (a second boot).</summary>
    private bool IsCurrent(string hostSource, string hostTarget)
    {
        if (!FileCalls.TryLStat(hostTarget, out var have)) return false;
        var source = FileCalls.LStat(hostSource);
        var wantMode = (uint)(mode ?? (int)(source.Mode & 0xFFF));
        if ((have.Mode & 0xFFF) != wantMode) return false;
        if (owner is { } o && (have.Uid != o.Uid || have.Gid != o.Gid)) return false;
        if (have.Size != source.Size) return false;
        return File.ReadAllBytes(hostTarget).AsSpan().SequenceEqual(File.ReadAllBytes(hostSource));
    }

    public override string ToString() => $"{Action} {Source} -> {Target}" +
        (mode is { } m ? $" mode {Convert.ToString(m, 8).PadLeft(4, '0')}" : "") + (owner is { } o ? $" owner {o.Uid}:{o.Gid}" : "");
}
