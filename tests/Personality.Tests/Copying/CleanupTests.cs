using Personality.Files;
using Personality.Steps;
using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>Leftovers of interrupted copies, and wiping a scratch device.</summary>
public sealed class CleanupTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TreeCopier _copier = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>What a copy killed halfway (power cut, OOM kill) leaves: a half-built temporary.</summary>
    private void SimulateInterruptedCopy(string directory, string name)
    {
        var temporary = TemporaryNames.For(_tree.Path($"{directory}/{name}"));
        Directory.CreateDirectory(temporary + "/half/built");
        File.WriteAllText(temporary + "/half/built/trunc", "par");
        FileCalls.Symlink("/", temporary + "/root-link");
    }

    [Fact]
    public void TemporaryNamesAreHiddenSiblingsWithAMarker()
    {
        Assert.Equal("/scratch/var/lib/.dhclient.personality-tmp", TemporaryNames.For("/scratch/var/lib/dhclient"));
        Assert.Equal("/.tmp.personality-tmp", TemporaryNames.For("/tmp"));
        Assert.True(TemporaryNames.IsTemporary(".dhclient.personality-tmp"));
        Assert.False(TemporaryNames.IsTemporary("dhclient.personality-tmp"));
        Assert.False(TemporaryNames.IsTemporary(".personality-tmp"));
        Assert.False(TemporaryNames.IsTemporary(".bashrc"));
        var longName = TemporaryNames.For("/x/" + new string('é', 200));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(longName)) <= 255);
    }

    [Fact]
    public void RemovesStaleTemporariesAndNothingElse()
    {
        _tree.Dir("scratch");
        _tree.Dir("scratch/lib");
        _tree.File("scratch/.hidden", "kept");
        _tree.File("scratch/.file.personality-tmp", "half");
        SimulateInterruptedCopy("scratch", "lib");
        SimulateInterruptedCopy("scratch", "spool");

        Assert.Equal(3, _copier.RemoveStaleTemporaries(_tree.Path("scratch")));

        Assert.Equal([".hidden", "lib"], TreeAssert.Names(_tree.Path("scratch"), false));
        Assert.Equal(0, _copier.RemoveStaleTemporaries(_tree.Path("scratch")));
        Assert.Equal(0, _copier.RemoveStaleTemporaries(_tree.Path("does/not/exist")));
    }

    [Fact]
    public void ACopyReplacesAStaleTemporaryOfTheSameName()
    {
        _tree.Dir("src");
        _tree.File("src/good", "good");
        _tree.Dir("scratch");
        SimulateInterruptedCopy("scratch", "src");

        _copier.Copy(_tree.Path("src"), _tree.Path("scratch/src"), CopyMode.Full);

        Assert.Equal(["good"], TreeAssert.Names(_tree.Path("scratch/src"), false));
        Assert.Empty(TempTree.Temporaries(_tree.Path("scratch")));
    }

    [Fact]
    public void RemoveContentsEmptiesButKeepsTheDirectory()
    {
        SampleTree.Build(_tree, "scratch/old");
        _tree.File("scratch/file", "x");
        _tree.Dir("outside");
        _tree.File("outside/precious", "p");
        _tree.Symlink("scratch/link-out", _tree.Path("outside"));
        var scratch = _tree.Path("scratch");
        var mode = FileCalls.LStat(scratch).Mode;

        var removed = _copier.RemoveContents(scratch);

        Assert.Equal(SampleTree.EntryCount + 2, removed);
        Assert.Empty(TreeAssert.Names(scratch, false));
        Assert.Equal(mode, FileCalls.LStat(scratch).Mode);
        Assert.Equal("p", File.ReadAllText(_tree.Path("outside/precious"))); // the link was removed, not followed
        Assert.Equal(0, _copier.RemoveContents(scratch));
    }

    [Fact]
    public void RemoveContentsRefusesAFile()
    {
        var file = _tree.File("file", "x");
        Assert.Throws<IOException>(() => _copier.RemoveContents(file));
    }
}
