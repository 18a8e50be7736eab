namespace Personality.IntegrationTests.Harness;

/// <summary>
/// A host directory outside every tree and volume, for attacks that try to reach it: it holds a little
/// content (a file, a subdirectory <c>x</c> usable as a mount point) and remembers its snapshot, so a test
/// can say it is byte-identical afterwards. Dispose removes it.
/// </summary>
public sealed class OutsideDir : IDisposable
{
    private readonly TempDir _dir = new("outside");
    private readonly TreeSnapshot _before;

    public OutsideDir()
    {
        File.WriteAllText(System.IO.Path.Combine(Path, "precious.txt"), "outside the tree: must never change\n");
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "x"));
        File.WriteAllText(System.IO.Path.Combine(Path, "x", "inner.txt"), "inside x\n");
        _before = TreeSnapshot.OfHost(Path);
    }

    /// <summary>Absolute host path, e.g. /tmp/personality-it-outside-AbC123.</summary>
    public string Path => _dir.Path;

    /// <summary>What changed since it was made ("" when nothing did).</summary>
    public string Changes() => TreeSnapshot.Diff(_before.Nodes, TreeSnapshot.OfHost(Path).Nodes, _ => false);

    /// <summary>The same directory as a relative symlink target from <paramref name="depth"/> levels down: "../../..{Path}".</summary>
    public string ClimbingLink(int depth) => string.Concat(Enumerable.Repeat("../", depth)).TrimEnd('/') + Path;

    /// <summary>Mounts at or below this directory in a namespace's mount table.</summary>
    public IReadOnlyList<MountInfo> MountsIn(IEnumerable<MountInfo> table) => MountInfo.Below(table, Path);

    public override string ToString() => Path;

    public void Dispose() => _dir.Dispose();
}
