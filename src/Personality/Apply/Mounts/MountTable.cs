using Personality.Native;

namespace Personality.Apply.Mounts;

/// <summary>
/// The mounts this process sees, read from /proc/self/mountinfo and re-read after every change.
/// It answers "is this exact filesystem tree already mounted there?", which is what makes a
/// second boot change nothing instead of stacking mounts.
/// </summary>
/// <param name="lossy">
/// Bytes that are not UTF-8 in a path read as U+FFFD, as status.json records them (JSON holds
/// text only): for `personality status`. Otherwise they keep their bytes (<see cref="PathBytes"/>).
/// </param>
public sealed class MountTable(string mountInfoPath = "/proc/self/mountinfo", bool lossy = false)
{
    private List<MountInfo>? _mounts;
    // Topmost mount per mount point: "is this path a mount point" in O(1), even with 1000 binds.
    private Dictionary<string, MountInfo>? _byMountPoint;

    public IReadOnlyList<MountInfo> Mounts
    {
        get
        {
            if (_mounts is null)
            {
                _mounts = [.. MountInfoParser.Parse(Read())];
                _byMountPoint = new Dictionary<string, MountInfo>(_mounts.Count, StringComparer.Ordinal);
                foreach (var m in _mounts) _byMountPoint[m.MountPoint] = m; // later lines are mounted on top
            }
            return _mounts;
        }
    }

    private Dictionary<string, MountInfo> ByMountPoint
    {
        get
        {
            _ = Mounts;
            return _byMountPoint!;
        }
    }

    private string Read()
    {
        // Mount points keep their bytes as boot's paths do; status compares with status.json, which cannot.
        try { return lossy ? File.ReadAllText(mountInfoPath) : PathBytes.Decode(File.ReadAllBytes(mountInfoPath)); }
        catch (IOException e)
        {
            throw new IOException($"cannot read {mountInfoPath} ({e.Message}); mount /proc before running personality boot", e);
        }
    }

    /// <summary>Call after mounting or unmounting anything whose effect cannot be predicted.</summary>
    public void Invalidate()
    {
        _mounts = null;
        _byMountPoint = null;
    }

    /// <summary>
    /// Notes a bind mount just made, without re-reading mountinfo (re-reading after each of
    /// dozens of binds was the largest cost of a boot): the new mount shows the source's
    /// filesystem, from the source's path within it.
    /// </summary>
    public void RecordBind(string sourceHostPath, string targetHostPath)
    {
        var holder = Containing(sourceHostPath);
        if (holder is null || _mounts is null) { Invalidate(); return; }
        var bind = new MountInfo(-1, -1, holder.MajorMinor, RootOf(holder, sourceHostPath), targetHostPath, holder.FsType, holder.Source, holder.Options);
        _mounts.Add(bind);
        _byMountPoint![targetHostPath] = bind;
    }

    private static string RootOf(MountInfo holder, string hostPath)
    {
        var rest = holder.MountPoint == "/" ? hostPath : hostPath[holder.MountPoint.Length..];
        return holder.Root == "/" ? (rest.Length == 0 ? "/" : rest) : holder.Root + rest;
    }

    /// <summary>The topmost mount whose mount point is exactly this host path, if any.</summary>
    public MountInfo? At(string hostPath) => ByMountPoint.GetValueOrDefault(hostPath);

    public bool IsMountPoint(string hostPath) => At(hostPath) is not null;

    /// <summary>The mount that holds a host path: the nearest ancestor (or itself) that is a mount point.</summary>
    public MountInfo? Containing(string hostPath)
    {
        var path = hostPath;
        while (true)
        {
            if (ByMountPoint.TryGetValue(path, out var m)) return m;
            if (path == "/") return null;
            var slash = path.LastIndexOf('/');
            path = slash <= 0 ? "/" : path[..slash];
        }
    }

    /// <summary>
    /// True when <paramref name="targetHostPath"/> already shows the tree at <paramref name="sourceHostPath"/>:
    /// a mount sits there whose device and root equal those of the source.
    /// </summary>
    public bool IsBoundFrom(string targetHostPath, string sourceHostPath)
    {
        var target = At(targetHostPath);
        var holder = Containing(sourceHostPath);
        if (target is null || holder is null) return false;
        return target.MajorMinor == holder.MajorMinor && target.Root == RootOf(holder, sourceHostPath);
    }
}
