using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>The --parents half of cp -a --parents.</summary>
public sealed class EnsureParentsTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TreeCopier _copier = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void CreatesMissingAncestorsAsCopiesOfTheSourceAncestors()
    {
        var root = _tree.Dir("root");
        _tree.Dir("root/var", "751", 1234, 5678);
        _tree.Dir("root/var/lib", "2775", 0, 5678);
        _tree.Dir("root/var/lib/x");
        _tree.File("root/var/lib/x/state", "not copied");
        TempTree.Times(_tree.Path("root/var/lib"), 1_100_000_000);
        TempTree.Times(_tree.Path("root/var"), 1_200_000_000);
        var scratch = _tree.Dir("scratch");

        var created = _copier.EnsureParents(root, "/var/lib/x", scratch);

        Assert.Equal(2, created);
        TreeAssert.SameEntry(_tree.Path("root/var"), _tree.Path("scratch/var"));
        TreeAssert.SameEntry(_tree.Path("root/var/lib"), _tree.Path("scratch/var/lib"));
        Assert.Empty(TreeAssert.Names(_tree.Path("scratch/var/lib"), false));
        Assert.Empty(TempTree.Temporaries(scratch));

        Assert.Equal(0, _copier.EnsureParents(root, "/var/lib/x", scratch));
    }

    [Fact]
    public void ExistingAncestorsAreLeftAlone()
    {
        var root = _tree.Dir("root");
        _tree.Dir("root/etc", "755");
        _tree.Dir("root/etc/lvm", "700");
        var scratch = _tree.Dir("scratch");
        _tree.Dir("scratch/etc", "711", 1234, 5678);

        Assert.Equal(1, _copier.EnsureParents(root, "/etc/lvm/cache", scratch));

        var etc = FileCalls.LStat(_tree.Path("scratch/etc"));
        Assert.Equal((TempTree.Octal("711"), 1234u), (etc.Permissions, etc.Uid));
        TreeAssert.SameEntry(_tree.Path("root/etc/lvm"), _tree.Path("scratch/etc/lvm"));
    }

    [Fact]
    public void ATopLevelPathNeedsNoParents()
    {
        var scratch = _tree.Dir("scratch");
        Assert.Equal(0, _copier.EnsureParents(_tree.Dir("root"), "/tmp", scratch));
        Assert.Empty(TreeAssert.Names(scratch, false));
    }

    [Fact]
    public void ASymlinkedAncestorBecomesAPlainDirectory()
    {
        var root = _tree.Dir("root");
        _tree.Dir("root/run", "700", 1234, 5678);
        _tree.Dir("root/var");
        _tree.Symlink("root/var/run", "../run");
        var scratch = _tree.Dir("scratch");

        Assert.Equal(2, _copier.EnsureParents(root, "/var/run/foo", scratch));

        var run = FileCalls.LStat(_tree.Path("scratch/var/run"));
        Assert.Equal(FileStatus.S_IFDIR | TempTree.Octal("755"), run.Mode);
        Assert.Equal((0u, 0u), (run.Uid, run.Gid));
    }

    [Fact]
    public void ANonDirectoryInTheWayIsAnError()
    {
        var root = _tree.Dir("root");
        _tree.Dir("root/var/lib");
        var scratch = _tree.Dir("scratch");
        _tree.Symlink("scratch/var", _tree.Path("elsewhere"));
        _tree.Dir("elsewhere");

        var error = Assert.Throws<IOException>(() => _copier.EnsureParents(root, "/var/lib/x", scratch));

        Assert.Contains("symlink is in the way", error.Message);
        Assert.Empty(TreeAssert.Names(_tree.Path("elsewhere"), false));
    }

    [Theory]
    [InlineData("var/lib")]
    [InlineData("/var/../etc/shadow")]
    [InlineData("")]
    public void RejectsPathsThatAreNotPlainAbsolutePaths(string path) =>
        Assert.Throws<ArgumentException>(() => _copier.EnsureParents(_tree.Root, path, _tree.Root));
}
