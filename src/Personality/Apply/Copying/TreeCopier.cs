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
/// </remarks>
public sealed partial class TreeCopier
{
    private readonly IDestinationWriter _writer;
    private readonly List<List<string>> _namesByDepth = [];
    // The destination directory of the current copy: skipped when met in the source, so copying a
    // tree into a directory below itself terminates (cp -a refuses; we leave the copy out).
    private FileStatus _guard;
    private bool _hasGuard, _guardPending;

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
        var source = FileCalls.LStat(hostSource);
        // find PATH -type d finds nothing when PATH is not a directory: nothing to copy.
        if (mode == CopyMode.DirectoriesOnly && !source.IsDirectory) return CopyResult.None;

        var tally = new CopyTally();
        _hasGuard = false;
        _guardPending = true;
        if (!FileCalls.TryLStat(hostDestination, out var existing))
            Install(hostSource, source, hostDestination, mode, tally, replacing: false, flush: Durable, depth: 0);
        else if (existing.SameFile(source))
            throw new IOException($"cannot copy {hostSource} to {hostDestination}: they are the same file");
        else
            Merge(hostSource, source, hostDestination, existing, mode, tally, depth: 0);
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
        var names = Names(0);
        FileCalls.ReadDirectory(hostDirectory, names);
        var removed = 0;
        foreach (var name in names)
        {
            if (!TemporaryNames.IsTemporary(name)) continue;
            TreeRemover.RemoveTree(HostPaths.Join(hostDirectory, name));
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
    /// and renames it into place (over a non-directory when <paramref name="replacing"/>). On any
    /// failure the temporary is deleted and the error names the real destination path.
    /// </summary>
    private void Install(string? source, in FileStatus status, string destination, CopyMode mode, CopyTally tally, bool replacing, bool flush, int depth)
    {
        var temporary = TemporaryNames.For(destination);
        TreeRemover.RemoveTree(temporary); // the leftover of an interrupted run, if any
        try
        {
            Build(source, status, temporary, mode, tally, depth);
            if (flush) _writer.Flush(HostPaths.Parent(destination));
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

    /// <summary>Creates a copy of one entry at <paramref name="destination"/>, which does not exist; recurses per mode.</summary>
    private void Build(string? source, in FileStatus status, string destination, CopyMode mode, CopyTally tally, int depth)
    {
        if (status.IsDirectory)
        {
            _writer.CreateDirectory(destination);
            tally.Created++;
            if (_guardPending)
            {
                _guard = FileCalls.LStat(destination);
                _hasGuard = true;
                _guardPending = false;
            }
            if (mode != CopyMode.Single && source is not null) BuildChildren(source, destination, mode, tally, depth);
        }
        else if (source is null)
        {
            throw new ArgumentException("only a directory can be made without a source", nameof(source));
        }
        else if (status.IsRegular)
        {
            tally.Bytes += _writer.CopyFile(source, status, destination);
            tally.Created++;
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

    private void BuildChildren(string source, string destination, CopyMode mode, CopyTally tally, int depth)
    {
        var names = Names(depth + 1);
        FileCalls.ReadDirectory(source, names);
        foreach (var name in names)
        {
            var childSource = HostPaths.Join(source, name);
            if (!FileCalls.TryLStat(childSource, out var child)) continue; // removed since listed
            if (Skip(child, mode)) continue;
            Build(childSource, child, HostPaths.Join(destination, name), mode, tally, depth + 1);
        }
    }

    private bool Skip(in FileStatus child, CopyMode mode) =>
        (mode == CopyMode.DirectoriesOnly && !child.IsDirectory) ||
        (_hasGuard && child.IsDirectory && child.SameFile(_guard));

    /// <summary>
    /// One reusable name list per tree depth: the entry at depth d lists its children in list d+1,
    /// so recursion never clears a list that is still being walked.
    /// </summary>
    private List<string> Names(int depth)
    {
        while (_namesByDepth.Count <= depth) _namesByDepth.Add([]);
        var names = _namesByDepth[depth];
        names.Clear();
        return names;
    }
}
