using Personality.Native;

namespace Personality.Files;

/// <summary>
/// Paths on a config volume are hostile: a symlink on the volume could lead a copy or a bind
/// anywhere. This finds the first symlink between the volume's root and a path below it.
/// </summary>
public static class VolumeTree
{
    /// <summary>The first existing component below <paramref name="hostVolume"/> that is a symlink, or null.</summary>
    public static string? SymlinkOnPath(string hostVolume, string hostPath)
    {
        var root = hostVolume.TrimEnd('/');
        if (!hostPath.StartsWith(root + "/", StringComparison.Ordinal)) return hostPath == root ? null : hostPath;
        var at = root.Length;
        while (at < hostPath.Length)
        {
            var next = hostPath.IndexOf('/', at + 1);
            var component = next < 0 ? hostPath : hostPath[..next];
            if (!FileCalls.TryLStat(component, out var status)) return null; // the rest does not exist yet
            if (status.IsSymlink) return component;
            if (next < 0) break;
            at = next;
        }
        return null;
    }
}
