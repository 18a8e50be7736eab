using Personality.Core;
using Xunit;

namespace Personality.Tests.Core;

public class RootedResolverTests
{
    [Fact]
    public void RelativeAndAbsoluteLinksStayInsideTheRoot()
    {
        using var tree = new TempDir();
        tree.Write("run/resolv.conf", "nameserver 1.1.1.1\n");
        tree.Dir("etc");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "etc/resolv.conf"), "../run/resolv.conf");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "etc/abs.conf"), "/run/resolv.conf");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "etc/escape"), "../../../../run");
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "var"), "run");
        var r = new RootedResolver(new TargetRoot(tree.Path));
        Assert.Equal("/run/resolv.conf", r.Resolve("/etc/resolv.conf", out _));
        Assert.Equal("/run/resolv.conf", r.Resolve("/etc/abs.conf", out _));
        Assert.Equal("/run", r.Resolve("/etc/escape", out _));
        Assert.Equal("/run/resolv.conf", r.Resolve("/var/resolv.conf", out _));
        Assert.Equal("/etc", r.Resolve("/etc", out _));
    }

    [Fact]
    public void MissingDanglingAndLoopingPathsSayWhy()
    {
        using var tree = new TempDir();
        tree.Dir("etc");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "etc/dangling"), "/nowhere");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "etc/loop"), "/etc/loop");
        var r = new RootedResolver(new TargetRoot(tree.Path));
        Assert.Null(r.Resolve("/etc/missing", out var p1));
        Assert.Equal("/etc/missing does not exist", p1);
        Assert.Null(r.Resolve("/etc/dangling", out var p2));
        Assert.Contains("/nowhere", p2);
        Assert.Null(r.Resolve("/etc/loop", out var p3));
        Assert.Contains("too many levels", p3);
    }
}

public class RootedResolverForWriteTests
{
    [Fact]
    public void MissingTailIsKeptAndAbsoluteLinksStayInTheTree()
    {
        using var tree = new TempDir();
        tree.Dir("run");
        tree.Dir("var");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "var/run"), "/run");
        var r = new RootedResolver(new TargetRoot(tree.Path));
        Assert.Equal("/run/personality/status.json", r.ResolveForWrite("/var/run/personality/status.json"));
        Assert.Equal("/var/log/personality.log", r.ResolveForWrite("/var/log/personality.log"));
    }
}
