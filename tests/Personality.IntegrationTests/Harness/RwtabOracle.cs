namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Red Hat's upstream rwtab semantics as a function from the tree as built to the tree as seen through
/// the binds: every existing entry is copied to the scratch area (empty: the path alone; dirs: the path
/// and its subdirectories; files: everything), then only the outermost entries are bound, so a nested
/// entry's copy shows through its parent's bind.
/// </summary>
public static class RwtabOracle
{
    public static IReadOnlyDictionary<string, TreeNode> Expected(TreeSnapshot before, IReadOnlyList<RwtabEntry> entries)
    {
        var existing = entries.Where(e => e.Exists).ToList();
        var outer = RwtabEntry.Outermost(entries);
        var result = new Dictionary<string, TreeNode>();
        foreach (var n in before.Nodes.Values)
        {
            var bound = outer.FirstOrDefault(e => Within(n.Path, e.Rel));
            if (bound is null || n.Path == bound.Rel || existing.Any(x => Within(x.Rel, bound.Rel) && Copies(x, n)))
                result[n.Path] = n;
        }
        return result;
    }

    // Whether entry x's copy contains node n (or creates it as a parent directory of x).
    private static bool Copies(RwtabEntry x, TreeNode n) =>
        n.Path == x.Rel
        || Within(x.Rel, n.Path)
        || (Within(n.Path, x.Rel) && (x.Type == "files" || (x.Type == "dirs" && n.Type == 'd')));

    private static bool Within(string path, string dir) =>
        path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);
}
