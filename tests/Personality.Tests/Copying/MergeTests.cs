using Personality.Steps;
using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>rwtab "files" onto a destination that already exists.</summary>
public sealed class MergeTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TreeCopier _copier = new();
    private readonly string _source;
    private readonly string _destination;

    public MergeTests()
    {
        _source = SampleTree.Build(_tree, "src");
        _tree.Dir("scratch");
        _destination = _tree.Path("scratch/src");
        _copier.Copy(_source, _destination, CopyMode.Full);
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void ASecondRunChangesNothing()
    {
        var inode = FileCalls.LStat(_destination + "/a.txt").Inode;
        var result = _copier.Copy(_source, _destination, CopyMode.Full);
        Assert.Same(CopyResult.None, result);
        Assert.False(result.Changed);
        Assert.Equal(inode, FileCalls.LStat(_destination + "/a.txt").Inode);
        TreeAssert.SameTree(_source, _destination);
    }

    [Fact]
    public void AChangedFileIsReplacedAndTheRestKept()
    {
        File.WriteAllText(_source + "/a.txt", "changed\n");
        TempTree.Times(_source + "/a.txt", 1_800_000_000);
        TempTree.Times(_source, 1_800_000_500); // writing moved the directory time; pin it again
        var untouched = FileCalls.LStat(_destination + "/bin/tool").Inode;

        var result = _copier.Copy(_source, _destination, CopyMode.Full);

        Assert.Equal(new CopyResult(0, 1, 8), result);
        TreeAssert.SameTree(_source, _destination);
        Assert.Equal(untouched, FileCalls.LStat(_destination + "/bin/tool").Inode);
        Assert.Empty(TempTree.Temporaries(_destination));
    }

    [Fact]
    public void MissingEntriesAreCreatedAndExtraOnesKept()
    {
        _tree.Dir("src/new/sub");
        _tree.File("src/new/sub/file", "abc");
        File.Delete(_destination + "/empty");
        File.WriteAllText(_destination + "/extra", "mine");

        var result = _copier.Copy(_source, _destination, CopyMode.Full);

        Assert.Equal(new CopyResult(4, 0, 3), result); // new, new/sub, new/sub/file, empty
        Assert.Equal("abc", File.ReadAllText(_destination + "/new/sub/file"));
        Assert.True(File.Exists(_destination + "/empty"));
        Assert.Equal("mine", File.ReadAllText(_destination + "/extra"));
    }

    [Fact]
    public void ExistingDirectoriesGetTheirAttributesBackWithoutCountingAsChange()
    {
        TempTree.Attributes(_destination + "/private", "755", 0, 0);
        TempTree.Times(_destination + "/private", 1_000);

        var result = _copier.Copy(_source, _destination, CopyMode.Full);

        Assert.False(result.Changed);
        TreeAssert.SameEntry(_source + "/private", _destination + "/private");
    }

    [Fact]
    public void AChangedSymlinkIsReplaced()
    {
        File.Delete(_source + "/links/dangling");
        _tree.Symlink("src/links/dangling", "somewhere/else");

        var result = _copier.Copy(_source, _destination, CopyMode.Full);

        Assert.Equal(1, result.Replaced);
        Assert.Equal("somewhere/else", FileCalls.ReadLink(_destination + "/links/dangling"));
    }

    [Fact]
    public void AFileWhereADirectoryIsIsRefused()
    {
        Directory.Delete(_destination + "/tmp");
        File.WriteAllText(_destination + "/tmp", "in the way");

        var error = Assert.Throws<IOException>(() => _copier.Copy(_source, _destination, CopyMode.Full));

        Assert.Contains(_source + "/tmp", error.Message);
        Assert.Contains(_destination + "/tmp", error.Message);
        Assert.Contains("the source is a directory but the destination is a regular file", error.Message);
        Assert.Empty(TempTree.Temporaries(_destination));
    }

    [Fact]
    public void ADestinationSymlinkIsNeverFollowed()
    {
        _tree.Dir("elsewhere");
        Directory.Delete(_destination + "/deep", recursive: true);
        _tree.Symlink("scratch/src/deep", _tree.Path("elsewhere"));

        Assert.Throws<IOException>(() => _copier.Copy(_source, _destination, CopyMode.Full));

        Assert.Empty(TreeAssert.Names(_tree.Path("elsewhere"), false));
    }
}
