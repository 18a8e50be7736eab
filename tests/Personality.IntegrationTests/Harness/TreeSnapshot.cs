namespace Personality.IntegrationTests.Harness;

/// <summary>One path of a tree listing: type (find's %y: d, f, l ...), octal mode, owner, size, link target, content hash.</summary>
public sealed record TreeNode(string Path, char Type, string Mode, int Uid, int Gid, long Size, string Link, string? Md5)
{
    /// <summary>What a copy must preserve (directory sizes depend on the filesystem, so they are left out).</summary>
    public string Signature => $"{Path} {Type} {Mode} {Uid}:{Gid} {(Type == 'd' ? "" : Size.ToString())} {Link} {Md5}";

    public override string ToString() => Signature;
}

/// <summary>
/// A listing of a directory made by the bash function <c>snapshot_tree</c> (see <see cref="BootScript"/>),
/// inside a namespace (the view through the bind mounts) or on the host (the tree as built).
/// </summary>
public sealed class TreeSnapshot
{
    private TreeSnapshot(IReadOnlyDictionary<string, TreeNode> nodes) => Nodes = nodes;

    public IReadOnlyDictionary<string, TreeNode> Nodes { get; }

    public static TreeSnapshot Load(string listing, string md5s)
    {
        var hashes = new Dictionary<string, string>();
        foreach (var line in md5s.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<md5>  ./relative/path"
            var hash = line[..32];
            var path = line[34..];
            hashes[path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path] = hash;
        }
        var nodes = new Dictionary<string, TreeNode>();
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            nodes[f[0]] = new TreeNode(f[0], f[1][0], f[2], int.Parse(f[3]), int.Parse(f[4]), long.Parse(f[5]), f[6],
                hashes.GetValueOrDefault(f[0]));
        }
        return new TreeSnapshot(nodes);
    }

    /// <summary>Snapshot of a host directory, made with the same find/md5sum commands as inside a namespace.</summary>
    public static TreeSnapshot OfHost(string dir)
    {
        var r = Shell.Run("bash", ["-c", BootScript.Prelude + "\nsnapshot_print \"$1\" list; echo '@@@'; snapshot_print \"$1\" md5", "snap", dir]);
        if (r.ExitCode != 0)
            throw new InvalidOperationException("snapshot failed:\n" + r);
        var parts = r.Stdout.Split("@@@\n");
        return Load(parts[0], parts[1]);
    }

    /// <summary>The nodes at or below a relative path (no leading slash), keyed relative to the snapshot root.</summary>
    public IEnumerable<TreeNode> Under(string rel) =>
        Nodes.Values.Where(n => n.Path == rel || n.Path.StartsWith(rel + "/", StringComparison.Ordinal));

    public TreeNode? this[string rel] => Nodes.GetValueOrDefault(rel.TrimStart('/'));

    /// <summary>Differences between two listings (by signature), ignoring paths for which <paramref name="ignore"/> says yes; empty when equal.</summary>
    public static string Diff(IReadOnlyDictionary<string, TreeNode> expected, IReadOnlyDictionary<string, TreeNode> actual, Func<string, bool> ignore)
    {
        var lines = new List<string>();
        foreach (var path in expected.Keys.Union(actual.Keys).Where(p => !ignore(p)).Order(StringComparer.Ordinal))
        {
            var e = expected.GetValueOrDefault(path);
            var a = actual.GetValueOrDefault(path);
            if (e is null)
                lines.Add($"+ unexpected {a}");
            else if (a is null)
                lines.Add($"- missing    {e}");
            else if (e.Signature != a.Signature)
                lines.Add($"~ expected   {e}\n  got        {a}");
        }
        return string.Join("\n", lines);
    }
}
