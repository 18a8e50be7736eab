using Personality.Steps;
using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>rwtab "empty": echo PATH | cpio -pd.</summary>
public sealed class SingleCopyTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TreeCopier _copier = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void ADirectoryComesOutEmptyWithItsAttributes()
    {
        var source = SampleTree.Build(_tree, "tmp");
        TempTree.Attributes(source, "1777", 1234, 5678);
        TempTree.Times(source, 1_700_000_000);
        _tree.Dir("scratch");

        var result = _copier.Copy(source, _tree.Path("scratch/tmp"), CopyMode.Single);

        Assert.Equal(new CopyResult(1, 0, 0), result);
        TreeAssert.SameEntry(source, _tree.Path("scratch/tmp"));
        Assert.Empty(TreeAssert.Names(_tree.Path("scratch/tmp"), false));
    }

    [Fact]
    public void AFileComesOutWithItsContent()
    {
        var file = _tree.File("adjtime", "0.0 0 0.0\n0\nUTC\n", "644", 1234, 5678);
        _tree.Dir("scratch");
        var result = _copier.Copy(file, _tree.Path("scratch/adjtime"), CopyMode.Single);
        Assert.Equal(new CopyResult(1, 0, 16), result);
        TreeAssert.SameEntry(file, _tree.Path("scratch/adjtime"));
    }

    [Fact]
    public void ASymlinkComesOutAsASymlink()
    {
        _tree.Dir("real");
        _tree.File("real/inside", "x");
        var link = _tree.Symlink("link", "real");
        _tree.Dir("scratch");
        _copier.Copy(link, _tree.Path("scratch/link"), CopyMode.Single);
        TreeAssert.SameEntry(link, _tree.Path("scratch/link"));
    }

    [Fact]
    public void AnExistingDirectoryIsLeftAsItIs()
    {
        _tree.Dir("src", "1777");
        _tree.File("src/file", "x");
        _tree.Dir("dst", "700", 1234, 5678);
        _tree.File("dst/keep", "mine");
        var before = FileCalls.LStat(_tree.Path("dst"));

        var result = _copier.Copy(_tree.Path("src"), _tree.Path("dst"), CopyMode.Single);

        Assert.False(result.Changed);
        Assert.Equal(0, result.Created);
        Assert.Equal(before, FileCalls.LStat(_tree.Path("dst")));
        Assert.Equal(["keep"], TreeAssert.Names(_tree.Path("dst"), false));
    }

    [Fact]
    public void AnExistingFileIsReplacedAtomically()
    {
        var source = _tree.File("src", "new content");
        var destination = _tree.File("dst", "old");
        var oldInode = FileCalls.LStat(destination).Inode;

        var result = _copier.Copy(source, destination, CopyMode.Single);

        Assert.Equal(new CopyResult(0, 1, 11), result);
        TreeAssert.SameEntry(source, destination);
        Assert.NotEqual(oldInode, FileCalls.LStat(destination).Inode); // a new file renamed over, not rewritten
        Assert.Empty(TempTree.Temporaries(_tree.Root));
    }

    [Fact]
    public void ADirectoryWhereAFileIsIsRefused()
    {
        _tree.Dir("src");
        var destination = _tree.File("dst", "file");
        var error = Assert.Throws<IOException>(() => _copier.Copy(_tree.Path("src"), destination, CopyMode.Single));
        Assert.Contains("the source is a directory but the destination is a regular file", error.Message);
        Assert.Equal("file", File.ReadAllText(destination));
    }
}
