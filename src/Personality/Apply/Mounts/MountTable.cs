namespace Personality.Apply.Mounts;

/// <summary>
/// The mounts this process sees, read from /proc/self/mountinfo and re-read after every change.
/// It answers "is this exact filesystem tree already mounted there?", which is what makes a
/// second boot change nothing instead of stacking mounts.
/// </summary>
public sealed class MountTable(string mountInfoPath = "/proc/self/mountinfo")
{
    private List<MountInfo>? _mounts;

    public IReadOnlyList<MountInfo> Mounts => _mounts ??= [.. MountInfoParser.Parse(Read())];

    private string Read()
    {
        try { return File.ReadAllText(mountInfoPath); }
        catch (IOException e)
        {
            throw new IOException($"cannot read {mountInfoPath} ({e.Message}); mount /proc before running personality boot", e);
        }
    }

    /// <summary>Call after mounting or unmounting anything whose effect cannot be predicted.</summary>
    public void Invalidate() => _mounts = null;

    /// <summary>
    /// Notes a bind mount just made, without re-reading mountinfo (re-reading after each of
    /// dozens of binds was the largest cost of a boot): the new mount shows the source's
    /// filesystem, from the source's path within it.
    /// </summary>
    public void RecordBind(string sourceHostPath, string targetHostPath)
    {
        var holder = Containing(sourceHostPath);
        if (holder is null || _mounts is null) { Invalidate(); return; }
        _mounts.Add(new MountInfo(-1, -1, holder.MajorMinor, RootOf(holder, sourceHostPath), targetHostPath, holder.FsType, holder.Source, holder.Options));
    }

    private static string RootOf(MountInfo holder, string hostPath)
    {
        var rest = holder.MountPoint == "/" ? hostPath : hostPath[holder.MountPoint.Length..];
        return holder.Root == "/" ? (rest.Length == 0 ? "/" : rest) : holder.Root + rest;
    }

    /// <summary>The topmost mount whose mount point is exactly this host path, if any.</summary>
    public MountInfo? At(string hostPath)
    {
        MountInfo? found = null;
        foreach (var m in Mounts)
            if (m.MountPoint == hostPath) found = m; // later lines are mounted on top
        return found;
    }

    public bool IsMountPoint(string hostPath) => At(hostPath) is not null;

    /// <summary>The mount that holds a host path: the longest mount point that is a prefix of it.</summary>
    public MountInfo? Containing(string hostPath)
    {
        MountInfo? best = null;
        foreach (var m in Mounts)
        {
            var isPrefix = m.MountPoint == "/" || hostPath == m.MountPoint ||
                           hostPath.StartsWith(m.MountPoint + "/", StringComparison.Ordinal);
            if (isPrefix && (best is null || m.MountPoint.Length >= best.MountPoint.Length)) best = m;
        }
        return best;
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
