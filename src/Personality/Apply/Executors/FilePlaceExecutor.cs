using System.Text;
using Personality.Files;
using Personality.Apply.Mounts;
using Personality.Manifests;
using Personality.Native;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>
/// A manifest `files` item. Copy: written atomically with its mode and owner (the target's
/// directory must be writable, e.g. an rwtab entry). Bind: the volume's file gets the mode and
/// owner and is bound over the target, which must exist in the image. Never set-user-ID or
/// set-group-ID: those bits do not come from a config volume.
/// </summary>
public sealed class FilePlaceExecutor(ApplyContext context)
{
    private const uint SetIdBits = 0xC00; // S_ISUID | S_ISGID
    /// <summary>A copied file is read whole into memory (a guest may have 32 MB): larger ones are bound.</summary>
    public const long MaxCopyBytes = 4 * 1024 * 1024;

    public StepOutcome Apply(FilePlaceStep step)
    {
        var hostTarget = context.Root.Host(step.Target);
        if (context.Resolver.Moved(step.Target) is { } moved) return StepOutcome.Failed(moved);
        if (step.Content is { } generated)
        {
            // Generated content has no file to bind, and its mode is always given by the kind.
            if (step.How != FileHow.Copy || step.Mode is not { } mode) throw new InvalidOperationException($"{step}: generated content is copied with a mode");
            return Copy(step, Encoding.UTF8.GetBytes(generated), (uint)mode & 0xFFF & ~SetIdBits, hostTarget);
        }
        var hostSource = context.Root.Host(step.Source!);
        if (step.How == FileHow.Bind) return Bind(step, hostSource, hostTarget);
        var source = FileCalls.LStat(hostSource);
        if (source.Size > MaxCopyBytes)
            return StepOutcome.Failed($"{step.Source} is {source.Size} bytes; a copied file is at most {MaxCopyBytes} bytes: use how: bind for a larger one");
        return Copy(step, File.ReadAllBytes(hostSource), WantedMode(step, source), hostTarget);
    }

    private StepOutcome Copy(FilePlaceStep step, byte[] content, uint mode, string hostTarget)
    {
        if (IsCurrent(step, content, hostTarget, mode)) return StepOutcome.Unchanged();
        var directory = Path.GetDirectoryName(hostTarget)!;
        if (!Directory.Exists(directory))
            return StepOutcome.Failed($"{Path.GetDirectoryName(step.Target)} does not exist in the image; create it or use another path");
        if (!SystemCalls.IsWritable(directory))
        {
            // A file of its own in rwtab (`files /etc/resolv.conf`) is a writable file bound over a
            // read-only directory: no temporary name can be made beside it, so it is written in place.
            if (context.Mounts.IsMountPoint(hostTarget) && SystemCalls.IsWritable(hostTarget)) return WriteInPlace(step, content, mode, hostTarget);
            return StepOutcome.Failed($"{Path.GetDirectoryName(step.Target)} is read-only; list it in /etc/rwtab, or use how: bind over a file that exists in the image");
        }
        var saved = SaveOriginal(step, hostTarget);
        AtomicFile.Write(hostTarget, content, mode, step.Owner, durable: step.SaveOriginalTo is not null);
        return StepOutcome.Applied(saved);
    }

    private static StepOutcome WriteInPlace(FilePlaceStep step, byte[] content, uint mode, string hostTarget)
    {
        AtomicFile.WriteInPlace(hostTarget, stream => stream.Write(content), mode, step.Owner);
        return StepOutcome.Applied("written in place: it is bound over a read-only directory (rwtab)");
    }

    private StepOutcome Bind(FilePlaceStep step, string hostSource, string hostTarget)
    {
        if (!File.Exists(hostTarget))
            return StepOutcome.Failed($"{step.Target} does not exist in the image: a bind needs an existing file; use how: copy into a writable directory");
        var source = FileCalls.LStat(hostSource);
        FileCalls.Chmod(hostSource, WantedMode(step, source));
        if (step.Owner is { } o && FileCalls.TryLChown(hostSource, o.Uid, o.Gid) is var errno and not 0)
            throw new NativeException("chown", hostSource, errno);
        if (context.Mounts.IsBoundFrom(hostTarget, hostSource)) return StepOutcome.Unchanged("already bound");
        Binder.Bind(context.Mounts, hostSource, hostTarget, step.Slave, nosuidNodev: true);
        return StepOutcome.Applied();
    }

    /// <summary>The image's file, saved once before a personality first replaces it (a later role gets it back).</summary>
    private string? SaveOriginal(FilePlaceStep step, string hostTarget)
    {
        if (step.SaveOriginalTo is not { } to || !FileCalls.TryLStat(hostTarget, out var original) || !original.IsRegular) return null;
        if (context.Resolver.Moved(to) is { } moved) throw new IOException($"the original of {step.Target} is not saved: {moved}");
        var hostSaved = context.Root.Host(to);
        if (FileCalls.TryLStat(hostSaved, out _)) return null; // saved by an earlier boot: that one is the original
        Directory.CreateDirectory(Path.GetDirectoryName(hostSaved)!);
        AtomicFile.Write(hostSaved, File.ReadAllBytes(hostTarget), original.Permissions, (original.Uid, original.Gid), durable: true);
        return $"the original is kept at {to}";
    }

    private static uint WantedMode(FilePlaceStep step, in FileStatus source) => (uint)(step.Mode ?? (int)source.Permissions) & 0xFFF & ~SetIdBits;

    /// <summary>Same content, mode and owner already: nothing to do (a second boot).</summary>
    private static bool IsCurrent(FilePlaceStep step, byte[] content, string hostTarget, uint mode)
    {
        if (!FileCalls.TryLStat(hostTarget, out var have) || !have.IsRegular) return false;
        if (have.Permissions != mode) return false;
        if (step.Owner is { } o && (have.Uid != o.Uid || have.Gid != o.Gid)) return false;
        if (have.Size != content.Length) return false;
        return File.ReadAllBytes(hostTarget).AsSpan().SequenceEqual(content);
    }
}
