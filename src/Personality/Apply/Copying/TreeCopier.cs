using Personality.Files;
using Personality.Native;
using Personality.Steps;

namespace Personality.Apply.Copying;

/// <summary>
/// Red Hat readonly-root's <c>cp -a</c> and <c>cpio -pd</c>, in-process: copies a path with its
/// mode, owner, times and extended attributes, never following a symlink, and atomically: a
/// new path is built under a hidden temporary sibling and renamed into place at the end, so an
/// interrupted or failed copy never shows at the real name. Not thread-safe (reuses buffers).
/// </summary>
/// <remarks>
/// Hard links are copied as separate files, one per name, as cpio -p does without -l: the
/// copies are small trees of state, and linking inside the copy would buy nothing at boot.
/// Boot time is the number of system calls: every lstat is used once, and what the copier
/// knows (the filesystem, a directory it made itself) lets the writer leave calls out.
/// </remarks>
public sealed partial class TreeCopier
{
    private readonly IDestinationWriter _writer;
    private readonly List<List<DirectoryEntry>> _entriesByDepth = [];
    private int _visited; // entries listed by the current Copy, against WalkLimit

    public TreeCopier() : this(new NativeDestinationWriter()) { }

    public TreeCopier(IDestinationWriter writer) => _writer = writer;

    /// <summary>
    /// Flush the destination filesystem (syncfs) before each rename publishes a copy, so a power
    /// cut cannot leave an empty file at the real name of a copy on a persistent volume. On tmpfs
    /// this costs next to nothing; turn it off for a scratch device that is wiped at every boot.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>
    /// Copies <paramref name="hostSource"/> (which must exist) to <paramref name="hostDestination"/>,
    /// whose parent must exist. When the destination exists the two are merged (see Merge in
    /// TreeCopier.Merge.cs); a directory meeting a non-directory is an error.
    /// </summary>
    public CopyResult Copy(string hostSource, string hostDestination, CopyMode mode)
    {
        hostSource = HostPaths.Trim(hostSource);
        hostDestination = HostPaths.Trim(hostDestination);
        var parentPath = HostPaths.Parent(hostDestination);
        var parent = RememberedParent(parentPath);
        var source = FileCalls.LStat(hostSource);
        // find PATH -type d finds nothing when PATH is not a directory: nothing to copy.
        if (mode == CopyMode.DirectoriesOnly && !source.IsDirectory) return CopyResult.None;

        var tally = new CopyTally();
        _visited = 0;
        if (!FileCalls.TryLStat(hostDestination, out var existing))
        {
            parent ??= DirectoryStatus(parentPath);
            ResetGuard(pending: true, parent?.Dev ?? 0);
            Install(hostSource, source, hostDestination, mode, tally, replacing: false, flush: Durable, depth: 0,
                new Site(parentPath, parent, parent?.Dev ?? 0, Fresh: false));
        }
        else if (existing.SameFile(source))
        {
            throw new IOException($"cannot copy {hostSource} to {hostDestination}: they are the same file");
        }
        else
        {
            ResetGuard(pending: true, existing.Dev);
            Merge(hostSource, source, hostDestination, existing, mode, tally, depth: 0, new Site(parentPath, parent, existing.Dev, Fresh: false));
        }
        return tally.ToResult();
    }

    /// <summary>
    /// Removes leftovers of interrupted copies (entries named by <see cref="TemporaryNames"/>)
    /// directly inside <paramref name="hostDirectory"/>; returns how many. A missing directory has none.
    /// </summary>
    public int RemoveStaleTemporaries(string hostDirectory)
    {
        hostDirectory = HostPaths.Trim(hostDirectory);
        if (!FileCalls.TryLStat(hostDirectory, out var status) || !status.IsDirectory) return 0;
        var entries = Entries(0);
        FileCalls.ReadDirectoryEntries(hostDirectory, entries);
        var removed = 0;
        foreach (var entry in entries)
        {
            if (!TemporaryNames.IsTemporary(entry.Name)) continue;
            TreeRemover.RemoveTree(HostPaths.Join(hostDirectory, entry.Name));
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// Empties <paramref name="hostDirectory"/> (for wiping a scratch device), keeping the directory
    /// itself and anything on another filesystem (mount points); returns how many entries went.
    /// </summary>
    public int RemoveContents(string hostDirectory) => TreeRemover.RemoveContents(HostPaths.Trim(hostDirectory));

    /// <summary>
    /// Builds a copy of <paramref name="source"/> at the temporary sibling of <paramref name="destination"/>
    /// (in <paramref name="site"/>) and renames it into place (over a non-directory when
    /// <paramref name="replacing"/>). On any failure the temporary is deleted and the error names
    /// the real destination path.
    /// </summary>
    private void Install(string? source, in FileStatus status, string destination, CopyMode mode, CopyTally tally, bool replacing, bool flush, int depth, in Site site)
    {
        var temporary = TemporaryNames.For(destination);
        try
        {
            try
            {
                Build(source, status, temporary, mode, tally, depth, site);
            }
            catch (NativeException e) when (e.Errno == Errno.EEXIST && e.Path == temporary)
            {
                // The leftover of an interrupted run (looked for only when it is in the way).
                TreeRemover.RemoveTree(temporary);
                Build(source, status, temporary, mode, tally, depth, site);
            }
            if (flush) _writer.Flush(site.Path);
            _writer.Rename(temporary, destination);
        }
        catch (Exception error)
        {
            TreeRemover.TryRemoveTree(temporary);
            if (error is NativeException native && native.Path.Contains(temporary, StringComparison.Ordinal))
                throw new NativeException(native.Call, native.Path.Replace(temporary, destination, StringComparison.Ordinal), native.Errno);
            throw;
        }
        if (replacing) { tally.Created--; tally.Replaced++; }
    }

    /// <summary>Creates a copy of one entry at <paramref name="destination"/> (in <paramref name="site"/>), which does not exist; recurses per mode.</summary>
    private void Build(string? source, in FileStatus status, string destination, CopyMode mode, CopyTally tally, int depth, in Site site)
    {
        _writer.Target = site.Target;
        if (status.IsDirectory)
        {
            _writer.CreateDirectory(destination, status);
            tally.Created++;
            GuardCreated(destination);
            if (mode != CopyMode.Single && source is not null)
            {
                BuildChildren(source, destination, mode, tally, depth, site.Inner(destination));
                _writer.Target = site.Target;
            }
        }
        else if (source is null)
        {
            throw new ArgumentException("only a directory can be made without a source", nameof(source));
        }
        else if (status.IsRegular)
        {
            tally.Bytes += _writer.CopyFile(source, status, destination); // attributes included
            tally.Created++;
            return;
        }
        else if (status.IsSymlink)
        {
            _writer.CreateSymlink(FileCalls.ReadLink(source), destination); // copied as a link, never followed
            tally.Created++;
        }
        else if (status.IsNode)
        {
            _writer.CreateNode(destination, status);
            tally.Created++;
        }
        else
        {
            throw new IOException($"cannot copy {source}: it is a {status.Kind}");
        }
        // Last, so a directory's times survive the creation of its children.
        _writer.ApplyAttributes(source, status, destination);
    }

    private void BuildChildren(string source, string destination, CopyMode mode, CopyTally tally, int depth, in Site site)
    {
        var entries = Entries(depth + 1);
        FileCalls.ReadDirectoryEntries(source, entries, mayBeDirectoriesOnly: mode == CopyMode.DirectoriesOnly);
        WalkLimit.Count(ref _visited, entries.Count, source);
        foreach (var entry in entries)
        {
            if (!TryChild(source, entry, mode, out var childSource, out var child)) continue;
            Build(childSource, child, HostPaths.Join(destination, entry.Name), mode, tally, depth + 1, site);
        }
    }

    /// <summary>The lstat of a listed source entry, unless it is not to be copied (or is gone since it was listed).</summary>
    private bool TryChild(string source, in DirectoryEntry entry, CopyMode mode, out string childSource, out FileStatus child)
    {
        child = default;
        childSource = "";
        // find -type d: d_type already says most entries are not directories, without an lstat.
        if (mode == CopyMode.DirectoriesOnly && !entry.MayBeDirectory) return false;
        childSource = HostPaths.Join(source, entry.Name);
        if (!FileCalls.TryLStat(childSource, out child)) return false; // removed since listed
        if (mode == CopyMode.DirectoriesOnly && !child.IsDirectory) return false;
        return !(child.IsDirectory && IsGuard(child));
    }

    /// <summary>
    /// One reusable entry list per tree depth: the entry at depth d lists its children in list d+1,
    /// so recursion never clears a list that is still being walked.
    /// </summary>
    private List<DirectoryEntry> Entries(int depth)
    {
        while (_entriesByDepth.Count <= depth) _entriesByDepth.Add([]);
        var entries = _entriesByDepth[depth];
        entries.Clear();
        return entries;
    }
}
