using Personality.Core;
using Personality.Native;
using Personality.Steps;

namespace Personality.Apply.Copying;

/// <summary>The <c>--parents</c> half of <c>cp -a --parents</c>.</summary>
public sealed partial class TreeCopier
{
    private const uint DefaultDirectoryMode = FileStatus.S_IFDIR | 0x1ED; // 0755

    // The deepest ancestor the last EnsureParents found in place, for the Copy that follows it.
    private string? _ensuredParent;
    private FileStatus _ensuredParentStatus;

    /// <summary>
    /// Creates every missing ancestor directory of <paramref name="guestPath"/> below
    /// <paramref name="hostDestRoot"/> as a copy (mode, owner, times, xattrs; no content) of the same
    /// ancestor below <paramref name="hostSourceRoot"/>; returns how many were created. An ancestor
    /// that is not a directory in the source (a symlink such as /var/run) becomes a plain
    /// root-owned 0755 directory: following the link could leave the source tree.
    /// </summary>
    public int EnsureParents(string hostSourceRoot, string guestPath, string hostDestRoot)
    {
        if (!GuestPath.TryNormalise(guestPath, out var normalised, out var problem))
            throw new ArgumentException(problem, nameof(guestPath));
        hostSourceRoot = HostPaths.Trim(hostSourceRoot);
        hostDestRoot = HostPaths.Trim(hostDestRoot);
        ResetGuard(pending: false, 0);
        _ensuredParent = null;

        var tally = new CopyTally();
        List<(string Path, FileStatus Status)>? created = null;
        // Each ancestor is a prefix of the whole host path: one string each, not two.
        var whole = HostPaths.Under(hostDestRoot, normalised);
        var rootLength = whole.Length - normalised.Length;
        // Top down, so no lookup ever goes through a symlink in the destination.
        for (var slash = normalised.IndexOf('/', 1); slash > 0; slash = normalised.IndexOf('/', slash + 1))
        {
            var destination = whole[..(rootLength + slash)];
            if (FileCalls.TryLStat(destination, out var present))
            {
                if (!present.IsDirectory)
                    throw new IOException($"cannot create {destination} as a directory: a {present.Kind} is in the way");
                (_ensuredParent, _ensuredParentStatus) = (destination, present);
                continue;
            }
            var source = HostPaths.Under(hostSourceRoot, normalised[..slash]);
            var model = FileCalls.TryLStat(source, out var found) && found.IsDirectory ? found : DefaultDirectory();
            Install(found.IsDirectory ? source : null, model, destination, CopyMode.Single, tally, replacing: false, flush: false, depth: 0,
                new Site(HostPaths.Parent(destination), null, 0, Fresh: false));
            (created ??= []).Add((destination, model));
            _ensuredParent = null; // made here: its status was not read back
        }
        // Creating a child moved its parent's mtime: put back the times of all but the deepest.
        for (var i = 0; created is not null && i < created.Count - 1; i++)
            FileCalls.SetTimes(created[i].Path, created[i].Status.Atime, created[i].Status.Mtime);
        return tally.Created;
    }

    /// <summary>
    /// What EnsureParents saw of the directory a copy goes into, when it looked at that directory
    /// just before this copy; null otherwise. Used once.
    /// </summary>
    private FileStatus? RememberedParent(string parentPath)
    {
        var remembered = _ensuredParent == parentPath;
        _ensuredParent = null;
        return remembered ? _ensuredParentStatus : null;
    }

    private static FileStatus? DirectoryStatus(string path) =>
        FileCalls.LStatOrErrno(path, out var status) == 0 && status.IsDirectory ? status : null;

    private static FileStatus DefaultDirectory()
    {
        var now = DateTimeOffset.UtcNow;
        var time = new TimeSpec(now.ToUnixTimeSeconds(), now.Ticks % TimeSpan.TicksPerSecond * 100);
        return new FileStatus { Mode = DefaultDirectoryMode, Uid = 0, Gid = 0, Atime = time, Mtime = time };
    }
}
