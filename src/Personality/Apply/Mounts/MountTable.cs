namespace Personality.Apply.Mounts;

/// <summary>
/// The mounts this process sees, read from /proc/self/mountinfo and re-read after every change.
/// It answers "is this exact filesystem tree already mounted there?", which is what makes a
/// second boot change nothing instead of stacking mounts.
/// </summary>
public sealed class MountTable(string mountInfoPath = "/proc/self/mountinfo")
{
    private IReadOnlyList<MountInfo>? _mounts;

    public IReadOnlyList<MountInfo> Mounts => _mounts ??= MountInfoParser.Parse(File.ReadAllText(mountInfoPath));

    /// <summary>Call after mounting or unmounting anything.</summary>
    public void Invalidate() => _mounts = null;

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
        var rest = holder.MountPoint == "/" ? sourceHostPath : sourceHostPath[holder.MountPoint.Length..];
        var root = holder.Root == "/" ? (rest.Length == 0 ? "/" : rest) : holder.Root + rest;
        return target.MajorMinor == holder.MajorMinor && target.Root == root;
    }
}
