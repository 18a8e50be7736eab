using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// Deletes trees without following symlinks and without crossing into another filesystem:
/// an entry whose st_dev differs from the starting directory's is a mount point and is kept, as
/// is anything that answers EBUSY (a bind mount from the same filesystem). Finding bind mounts
/// exactly needs mountinfo, which the mount layer owns.
/// </summary>
internal static class TreeRemover
{
    /// <summary>Removes everything below <paramref name="directory"/>; returns how many entries went.</summary>
    public static int RemoveContents(string directory)
    {
        if (!FileCalls.TryLStat(directory, out var status)) return 0;
        if (!status.IsDirectory) throw new IOException($"cannot empty {directory}: it is a {status.Kind}, not a directory");
        var removed = 0;
        var visited = 0;
        RemoveChildren(directory, status.Dev, ref removed, ref visited);
        return removed;
    }

    /// <summary>Removes <paramref name="path"/> and everything below it; returns how many entries went.</summary>
    public static int RemoveTree(string path)
    {
        if (!FileCalls.TryLStat(path, out var status)) return 0;
        var removed = 0;
        var visited = 0;
        Remove(path, status, status.Dev, ref removed, ref visited);
        return removed;
    }

    /// <summary>Best effort for error paths: the error being reported matters more than a failed cleanup.</summary>
    public static void TryRemoveTree(string path)
    {
        try { RemoveTree(path); }
        catch (IOException) { }
    }

    /// <summary>Returns true when the directory is now empty.</summary>
    private static bool RemoveChildren(string directory, ulong device, ref int removed, ref int visited)
    {
        var names = new List<string>();
        FileCalls.ReadDirectory(directory, names);
        WalkLimit.Count(ref visited, names.Count, directory);
        var empty = true;
        foreach (var name in names)
        {
            var child = HostPaths.Join(directory, name);
            if (!FileCalls.TryLStat(child, out var status)) continue; // gone meanwhile
            if (status.Dev != device) { empty = false; continue; }
            if (!Remove(child, status, device, ref removed, ref visited)) empty = false;
        }
        return empty;
    }

    private static bool Remove(string path, in FileStatus status, ulong device, ref int removed, ref int visited)
    {
        if (status.IsDirectory && !RemoveChildren(path, device, ref removed, ref visited)) return false;
        var errno = FileCalls.TryRemove(path, status.IsDirectory);
        if (errno == 0) { removed++; return true; }
        if (errno == Errno.EBUSY || errno == Errno.ENOENT) return errno == Errno.ENOENT;
        throw new NativeException(status.IsDirectory ? "rmdir" : "unlink", path, errno);
    }
}
