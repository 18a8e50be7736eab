using Personality.Core;
using Personality.Plan.Tables;
using Xunit;

namespace Personality.Tests.Plan;

public class TableFilesTests
{
    [Fact]
    public void MainFileThenSortedDropInsWithoutBackups()
    {
        using var tree = new TempDir();
        tree.Write("etc/rwtab", "");
        foreach (var name in new[] { "b", "a", "Z", "x.rpmnew", "y~", "z.bak", "o.orig", "r.rpmorig", "s.rpmsave", "old.old" })
            tree.Write($"etc/rwtab.d/{name}", "");
        tree.Dir("etc/rwtab.d/subdir");
        var ignored = new List<string>();
        var files = TableFiles.Find(new TargetRoot(tree.Path), "/etc/rwtab", "/etc/rwtab.d", ignored);
        Assert.Equal(["/etc/rwtab", "/etc/rwtab.d/Z", "/etc/rwtab.d/a", "/etc/rwtab.d/b"], files);
        Assert.Equal(7, ignored.Count);
    }
}
