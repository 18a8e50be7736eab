using Personality.Core;
using Personality.Native;
using Personality.Steps;

namespace Personality.Apply.Copying;

/// <summary>The <c>--parents</c> half of <c>cp -a --parents</c>.</summary>
public sealed partial class TreeCopier
{
    private const uint DefaultDirectoryMode = FileStatus.S_IFDIR | 0x1ED; // 0755

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
        _hasGuard = _guardPending = false;

        var tally = new CopyTally();
        List<(string Path, FileStatus Status)>? created = null;
        for (var slash = normalised.IndexOf('/', 1); slash > 0; slash = normalised.IndexOf('/', slash + 1))
        {
            var ancestor = normalised[..slash];
            var destination = HostPaths.Under(hostDestRoot, ancestor);
            if (FileCalls.TryLStat(destination, out var present))
            {
                if (!present.IsDirectory)
                    throw new IOException($"cannot create {destination} as a directory: a {present.Kind} is in the way");
                continue;
            }
            var source = HostPaths.Under(hostSourceRoot, ancestor);
            var model = FileCalls.TryLStat(source, out var found) && found.IsDirectory ? found : DefaultDirectory();
            Install(found.IsDirectory ? source : null, model, destination, CopyMode.Single, tally, replacing: false, flush: false, depth: 0);
            (created ??= []).Add((destination, model));
        }
        // Creating a child moved its parent's mtime: put back the times of all but the deepest.
        for (var i = 0; created is not null && i < created.Count - 1; i++)
            FileCalls.SetTimes(created[i].Path, created[i].Status.Atime, created[i].Status.Mtime);
        return tally.Created;
    }

    private static FileStatus DefaultDirectory()
    {
        var now = DateTimeOffset.UtcNow;
        var time = new TimeSpec(now.ToUnixTimeSeconds(), now.Ticks % TimeSpan.TicksPerSecond * 100);
        return new FileStatus { Mode = DefaultDirectoryMode, Uid = 0, Gid = 0, Atime = time, Mtime = time };
    }
}
