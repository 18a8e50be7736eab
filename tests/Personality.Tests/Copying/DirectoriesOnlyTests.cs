using Personality.Steps;
using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>rwtab "dirs": find PATH -type d | cpio -pd.</summary>
public sealed class DirectoriesOnlyTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TreeCopier _copier = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void RecreatesTheSkeletonWithAttributesAndNothingElse()
    {
        var source = SampleTree.Build(_tree, "log");
        _tree.Dir("scratch");
        var destination = _tree.Path("scratch/log");

        var result = _copier.Copy(source, destination, CopyMode.DirectoriesOnly);

        TreeAssert.SameTree(source, destination, directoriesOnly: true);
        // root, bin, private, tmp, deep, deep/1, deep/1/2, deep/1/2/3, links; the to-dir link is not followed.
        Assert.Equal(new CopyResult(9, 0, 0), result);
        Assert.Empty(TreeAssert.Names(_tree.Path("scratch/log/links"), false));
        Assert.Empty(TreeAssert.Names(_tree.Path("scratch/log/private"), false));
        Assert.Equal(FileStatus.S_IFDIR | TempTree.Octal("1777"), FileCalls.LStat(_tree.Path("scratch/log/tmp")).Mode);
    }

    [Fact]
    public void ANonDirectorySourceGivesNothing()
    {
        var file = _tree.File("file", "x");
        var link = _tree.Symlink("link", _tree.Path("dir"));
        _tree.Dir("dir");
        _tree.Dir("scratch");
        Assert.Same(CopyResult.None, _copier.Copy(file, _tree.Path("scratch/file"), CopyMode.DirectoriesOnly));
        Assert.Same(CopyResult.None, _copier.Copy(link, _tree.Path("scratch/link"), CopyMode.DirectoriesOnly));
        Assert.Empty(TreeAssert.Names(_tree.Path("scratch"), false));
    }

    [Fact]
    public void MergeCreatesOnlyMissingSubdirectories()
    {
        _tree.Dir("src");
        _tree.Dir("src/a", "750");
        _tree.Dir("src/a/new", "711", 1234, 5678);
        _tree.File("src/a/file", "not copied");
        _tree.Dir("src/b");
        _tree.Dir("dst");
        _tree.Dir("dst/a", "700"); // existing: left as it is
        _tree.File("dst/a/mine", "kept");
        var existingMode = FileCalls.LStat(_tree.Path("dst/a")).Mode;

        var result = _copier.Copy(_tree.Path("src"), _tree.Path("dst"), CopyMode.DirectoriesOnly);

        Assert.Equal(new CopyResult(2, 0, 0), result); // a/new and b
        TreeAssert.SameEntry(_tree.Path("src/a/new"), _tree.Path("dst/a/new"));
        TreeAssert.SameEntry(_tree.Path("src/b"), _tree.Path("dst/b"));
        Assert.Equal(existingMode, FileCalls.LStat(_tree.Path("dst/a")).Mode);
        Assert.Equal("kept", File.ReadAllText(_tree.Path("dst/a/mine")));
        Assert.False(File.Exists(_tree.Path("dst/a/file")));

        Assert.False(_copier.Copy(_tree.Path("src"), _tree.Path("dst"), CopyMode.DirectoriesOnly).Changed);
    }

    [Fact]
    public void MergeRefusesAFileWhereADirectoryBelongs()
    {
        _tree.Dir("src");
        _tree.Dir("src/sub");
        _tree.Dir("dst");
        _tree.File("dst/sub", "in the way");
        var error = Assert.Throws<IOException>(() => _copier.Copy(_tree.Path("src"), _tree.Path("dst"), CopyMode.DirectoriesOnly));
        Assert.Contains(_tree.Path("dst/sub"), error.Message);
        Assert.Contains("directory", error.Message);
    }
}
