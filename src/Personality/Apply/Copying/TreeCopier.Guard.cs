using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// The destination directory of the current copy is skipped when met in the source, so copying a
/// tree into a directory below itself terminates (cp -a refuses; we leave the copy out).
/// </summary>
public sealed partial class TreeCopier
{
    private string? _guardPath;  // where the top directory is being built: lstat'ed only if needed
    private ulong _guardDevice;  // its filesystem; 0 when not known
    private FileStatus _guard;
    private bool _guardKnown, _guardPending;

    /// <param name="pending">False when nothing needs guarding (parents are single entries).</param>
    private void ResetGuard(bool pending, ulong device)
    {
        _guardPath = null;
        _guardKnown = false;
        _guardPending = pending;
        _guardDevice = device;
    }

    /// <summary>The first directory this copy makes is its top.</summary>
    private void GuardCreated(string path)
    {
        if (!_guardPending) return;
        _guardPending = false;
        _guardPath = path;
    }

    /// <summary>The top of this copy was already there.</summary>
    private void GuardExisting(in FileStatus existing)
    {
        if (!_guardPending) return;
        _guardPending = false;
        _guard = existing;
        _guardKnown = true;
    }

    private bool IsGuard(in FileStatus directory)
    {
        if (!_guardKnown)
        {
            // Only a directory on the destination's filesystem can be it: the others cost no lstat.
            if (_guardPath is null || (_guardDevice != 0 && directory.Dev != _guardDevice)) return false;
            _guard = FileCalls.LStat(_guardPath);
            _guardKnown = true;
        }
        return directory.SameFile(_guard);
    }
}
