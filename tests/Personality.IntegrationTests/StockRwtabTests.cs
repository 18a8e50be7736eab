using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>The stock rwtab files of Fedora, CentOS 6 and CentOS 5 on a tree where most of their paths exist.</summary>
[Collection("root")]
public sealed class StockRwtabTests
{
    // Left out of every tree, to see missing entries skipped: one of each type in each stock file.
    private static readonly string[] Missing = ["/var/gdm", "/var/cache/foomatic", "/var/db/nscd", "/var/lib/xen", "/etc/ntp.conf"];

    [Theory]
    [InlineData("rwtab.fedora")]
    [InlineData("rwtab.el6")]
    [InlineData("rwtab.el5")]
    public void EveryExistingEntryIsBoundWithUpstreamCopySemantics(string stock)
    {
        using var tree = GuestTree.Create("stock");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        var entries = tree.FromRwtab(stock, path => !Missing.Contains(path));
        var before = TreeSnapshot.OfHost(tree.Root);

        var obs = tree.Run("boot 1 ''\nsnapshot_tree \"$ROOT\" after");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        // Mounts: the tmpfs scratch area plus one bind per outermost existing entry, from its scratch copy.
        var outer = RwtabEntry.Outermost(entries);
        Assert.Equal("tmpfs", Expect.MountAt(boot, tree, GuestTree.RwMount).FsType);
        var binds = MountInfo.Below(boot.Mounts, tree.Root).Where(m => m.MountPoint != tree.HostPath(GuestTree.RwMount)).ToList();
        Expect.True(binds.Select(m => m.MountPoint).Order().SequenceEqual(outer.Select(e => tree.HostPath(e.Path)).Order()),
            $"bind mounts differ from the outermost existing entries ({outer.Count})\n{Expect.MountsBelow(boot, tree)}", boot);
        foreach (var e in outer)
        {
            var m = Expect.MountAt(boot, tree, e.Path);
            Expect.True(m.FsType == "tmpfs" && m.Root == e.Path, $"{e.Path} is not bound from the scratch copy: {m}", boot);
            Expect.Step(boot, e.Path, "bind", "applied", "/etc/rwtab", e.Line);
        }

        // Missing entries are skipped, not errors; nested entries get no bind of their own.
        foreach (var e in entries.Where(e => !e.Exists))
        {
            var steps = status.StepsFor(e.Path).ToList();
            Expect.True(steps.Count > 0 && steps.All(s => s.Result == "skipped"),
                $"missing {e.Path} should have only skipped steps, got:\n  {string.Join("\n  ", steps)}", boot);
        }
        foreach (var e in entries.Where(e => e.Exists).Except(outer))
            Expect.True(!status.StepsFor(e.Path).Any(s => s.Action == "bind" && s.Result == "applied"),
                $"nested entry {e.Path} was bound on its own", boot);

        // The view through the binds, path by path (type, mode, owner, size, link, content).
        var after = obs.Tree("after");
        var diff = TreeSnapshot.Diff(RwtabOracle.Expected(before, entries), after.Nodes, IsProductOwned);
        Expect.True(diff.Length == 0, "tree seen through the binds differs from upstream semantics:\n" + diff, boot);

        // The same facts spelled out for one entry of each type, so a failure reads plainly.
        var empty = outer.First(e => e.Type == "empty" && e.IsDirectory);
        Assert.DoesNotContain(after.Under(empty.Rel), n => n.Path != empty.Rel);
        var dirs = outer.First(e => e.Type == "dirs" && e.Path != "/var/run");
        Assert.Equal('d', after[dirs.Rel + "/sub/deeper"]?.Type);
        Assert.Equal("710", after[dirs.Rel + "/sub"]?.Mode);
        Assert.Null(after[dirs.Rel + "/seed.txt"]);
        var files = outer.First(e => e.Type == "files" && e.IsDirectory);
        Assert.Equal(before[files.Rel + "/sub/inner.txt"]?.Md5, after[files.Rel + "/sub/inner.txt"]?.Md5);
        Assert.Equal('l', after[files.Rel + "/sub/link"]?.Type);
    }

    [Fact]
    public void NestedEntryIsVisibleThroughItsParentsBind()
    {
        // Fedora: "dirs /var/log" and "files /var/log/audit/audit.log": the log file keeps its content
        // although /var/log keeps no files, and only /var/log is a mount point.
        using var tree = GuestTree.Create("nested");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.FromRwtab("rwtab.fedora");
        var obs = tree.Run("boot 1 ''\nnote audit \"$(cat \"$ROOT/var/log/audit/audit.log\")\"\nnote seed \"$(ls \"$ROOT/var/log\")\"");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.MountAt(boot, tree, "/var/log");
        Expect.NoMountAt(boot, tree, "/var/log/audit/audit.log");
        Assert.Equal("# content of /var/log/audit/audit.log", obs.Note("audit"));
        Assert.DoesNotContain("seed.txt", obs.Note("seed"));
        Assert.Contains("audit", obs.Note("seed"));
    }

    // Paths the binary itself writes (its record and log) or that hold the scratch/state areas.
    private static bool IsProductOwned(string rel) =>
        rel.StartsWith("var/lib/stateless/", StringComparison.Ordinal)
        || rel is "var/run/personality" || rel.StartsWith("var/run/personality/", StringComparison.Ordinal)
        || rel.StartsWith("var/log/personality.log", StringComparison.Ordinal);
}
