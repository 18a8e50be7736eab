using Personality.Native;

namespace Personality.Core;

/// <summary>
/// Resolves a guest path inside the target tree the way the guest's kernel would after
/// chroot: absolute symlink targets start at the tree's root and ".." stops there. This is what
/// makes a symlink entry such as /etc/resolv.conf -> ../run/resolv.conf work.
/// </summary>
public sealed class RootedResolver(TargetRoot root)
{
    private const int MaxLinks = 40; // as the kernel's ELOOP limit

    // What each host path component was (present? a link to what?), while nothing changes on disk:
    // a stage's planning resolves ~60 paths sharing /var and /var/lib. Forgotten between stages.
    private Dictionary<string, (bool Exists, string? Link)>? _seen;

    /// <summary>Remember components until <see cref="Forget"/>: for planning, where the tree does not change meanwhile.</summary>
    public RootedResolver Remembering()
    {
        _seen ??= new Dictionary<string, (bool, string?)>(StringComparer.Ordinal);
        return this;
    }

    /// <summary>The tree may have changed (steps ran): look again.</summary>
    public void Forget() => _seen?.Clear();

    /// <summary>
    /// Resolves as far as the path exists and appends the missing rest literally: where a file
    /// about to be created really goes (status.json below a /var/run that links to /run).
    /// Falls back to the path itself on a symlink loop.
    /// </summary>
    public string ResolveForWrite(string guestPath) => Resolve(guestPath, out _, allowMissing: true) ?? guestPath;

    /// <summary>
    /// Null when <paramref name="guestPath"/> still resolves to itself (no symlink on the way);
    /// else why not. Checked just before a mount or bind, since an earlier mount can put a volume's
    /// symlink on the way after planning.
    /// </summary>
    public string? Moved(string guestPath)
    {
        var now = Resolve(guestPath, out _, allowMissing: true);
        return now == guestPath ? null : $"{guestPath} now leads to {now ?? "a symlink loop"} (a symlink appeared on the way, e.g. on a volume mounted since); nothing is mounted there";
    }

    /// <summary>The resolved guest path, or null with a reason (missing, dangling, a loop).</summary>
    public string? Resolve(string guestPath, out string? problem) => Resolve(guestPath, out problem, allowMissing: false);

    private string? Resolve(string guestPath, out string? problem, bool allowMissing)
    {
        problem = null;
        var pending = new Stack<string>(guestPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1); continue; }
            resolved.Add(part);
            var current = "/" + string.Join('/', resolved);
            var host = root.Host(current);
            var (exists, target) = Look(host);
            if (target is null)
            {
                if (exists) continue;
                if (allowMissing)
                {
                    resolved.AddRange(pending.Where(p => p is not ("." or "..")));
                    return "/" + string.Join('/', resolved);
                }
                problem = links == 0 ? $"{current} does not exist" : $"{guestPath} leads to {current}, which does not exist";
                return null;
            }
            if (++links > MaxLinks) { problem = $"too many levels of symbolic links at {current}"; return null; }
            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/')) resolved.Clear();
            foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(p);
        }
        return "/" + string.Join('/', resolved);
    }

    /// <summary>One lstat per component; readlink only for a symlink (not readlink + stat + stat).</summary>
    private (bool Exists, string? Link) Look(string host)
    {
        if (_seen is not null && _seen.TryGetValue(host, out var known)) return known;
        var exists = FileCalls.LStatOrErrno(host, out var status) == 0;
        var look = (exists, exists && status.IsSymlink ? FileCalls.ReadLink(host) : null);
        _seen?.Add(host, look);
        return look;
    }
}
