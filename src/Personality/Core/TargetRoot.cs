namespace Personality.Core;

/// <summary>
/// The tree every path is relative to (<c>--root</c>): "/" on a live guest, an unpacked image
/// or a test tree otherwise. Paths inside the product are guest paths ("/var/log"); only this
/// class turns them into host paths.
/// </summary>
public sealed class TargetRoot
{
    public TargetRoot(string directory)
    {
        var full = Path.GetFullPath(directory);
        Directory = full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <summary>Host path of the root directory, without a trailing slash (except "/").</summary>
    public string Directory { get; }

    public bool IsLive => Directory == "/";

    /// <summary>Host path of a guest absolute path.</summary>
    public string Host(string guestPath)
    {
        if (!guestPath.StartsWith('/'))
            throw new ArgumentException($"guest path must be absolute: {guestPath}", nameof(guestPath));
        return IsLive ? guestPath : Directory + (guestPath == "/" ? "" : guestPath);
    }

    /// <summary>Guest path of a host path below this root, or null when it is outside.</summary>
    public string? Guest(string hostPath)
    {
        if (IsLive) return hostPath;
        if (hostPath == Directory) return "/";
        return hostPath.StartsWith(Directory + "/", StringComparison.Ordinal) ? hostPath[Directory.Length..] : null;
    }
}
