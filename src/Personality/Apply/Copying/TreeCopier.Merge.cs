using Personality.Native;
using Personality.Steps;

namespace Personality.Apply.Copying;

/// <summary>Copying onto a destination that already exists (a second run, a partly filled area).</summary>
public sealed partial class TreeCopier
{
    /// <summary>
    /// Full: every child is merged; a missing child is installed atomically, a non-directory that
    /// differs is replaced atomically, directories get their attributes updated.
    /// DirectoriesOnly: missing subdirectories are installed; nothing existing is touched.
    /// Single: an existing directory is left as it is; a differing non-directory is replaced.
    /// A non-directory is "the same" by the rsync quick check (type, size and mtime; link target;
    /// device number), so a second run copies no content and reports no change.
    /// </summary>
    private void Merge(string source, in FileStatus status, string destination, in FileStatus existing, CopyMode mode, CopyTally tally, int depth, in Site site)
    {
        if (status.IsDirectory != existing.IsDirectory)
            throw new IOException(
                $"cannot copy {source} to {destination}: the source is a {status.Kind} but the destination is a {existing.Kind}; " +
                "remove the destination or correct the entry");

        if (!status.IsDirectory)
        {
            if (!IsCurrent(source, status, destination, existing))
                Install(source, status, destination, mode, tally, replacing: true, flush: Durable, depth, site);
            else if (!AttributesMatch(status, existing))
                ApplyToExisting(source, status, destination);
            return;
        }

        GuardExisting(existing);
        if (mode == CopyMode.Single) return;

        var changesBefore = tally.Changes;
        var inside = new Site(destination, existing, existing.Dev, Fresh: false);
        var entries = Entries(depth + 1);
        FileCalls.ReadDirectoryEntries(source, entries, mayBeDirectoriesOnly: mode == CopyMode.DirectoriesOnly);
        WalkLimit.Count(ref _visited, entries.Count, source);
        foreach (var entry in entries)
        {
            if (!TryChild(source, entry, mode, out var childSource, out var child)) continue;
            var childDestination = HostPaths.Join(destination, entry.Name);
            if (FileCalls.TryLStat(childDestination, out var present))
                Merge(childSource, child, childDestination, present, mode, tally, depth + 1, inside);
            else
                Install(childSource, child, childDestination, mode, tally, replacing: false, flush: Durable, depth + 1, inside);
        }
        // Children changed the directory's mtime: restore it (Full only: dirs touches nothing existing).
        if (mode == CopyMode.Full && (tally.Changes != changesBefore || !AttributesMatch(status, existing)))
            ApplyToExisting(source, status, destination);
    }

    /// <summary>Attributes of an entry this copy did not create: the writer may assume nothing.</summary>
    private void ApplyToExisting(string source, in FileStatus status, string destination)
    {
        _writer.Target = default;
        _writer.ApplyAttributes(source, status, destination);
    }

    private static bool IsCurrent(string source, in FileStatus status, string destination, in FileStatus existing)
    {
        if (status.Type != existing.Type) return false;
        if (status.IsRegular) return status.Size == existing.Size && status.Mtime == existing.Mtime;
        if (status.IsSymlink) return FileCalls.ReadLink(source) == FileCalls.ReadLink(destination);
        if (status.IsDevice) return status.Rdev == existing.Rdev;
        return true; // fifo or socket: nothing but attributes
    }

    private static bool AttributesMatch(in FileStatus status, in FileStatus existing) =>
        status.Uid == existing.Uid && status.Gid == existing.Gid && status.Mtime == existing.Mtime &&
        (status.IsSymlink || status.Permissions == existing.Permissions);
}
