using Personality.Files;
using Personality.Steps;
using Moq;
using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>
/// A copy that fails midway leaves nothing behind and says where and why. Faults come two ways:
/// real (a 64 KiB tmpfs, a read-only tmpfs, mounted in a private mount namespace so nothing can
/// leak to the host) and injected through the <see cref="IDestinationWriter"/> seam with Moq, to
/// hit exact points (the third file, the final rename, a nested directory).
/// </summary>
public sealed class FailureTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string SourceWithBigFile()
    {
        var source = _tree.Dir("src");
        _tree.File("src/a", "small");
        _tree.Dir("src/sub");
        _tree.File("src/sub/big", new string('b', 256 * 1024));
        _tree.File("src/z", "small");
        return source;
    }

    [Fact]
    public void AFullDiskLeavesNoHalfCopy()
    {
        var source = SourceWithBigFile();
        var scratch = _tree.Dir("scratch");
        PrivateMountNamespace.Run(() =>
        {
            PrivateMountNamespace.MountTmpfs(scratch, "64k");
            var copier = new TreeCopier();

            var error = Assert.Throws<NativeException>(() => copier.Copy(source, scratch + "/src", CopyMode.Full));

            Assert.Equal(Errno.ENOSPC, error.Errno);
            Assert.Contains(scratch + "/src/sub/big", error.Message); // the real name, not the temporary
            Assert.Contains("no space left on device", error.Message);
            Assert.Empty(TreeAssert.Names(scratch, false));
            // Everything was given back: a small copy fits again.
            Assert.Equal(1, copier.Copy(source + "/a", scratch + "/a", CopyMode.Full).Created);
        });
    }

    [Fact]
    public void AFullDiskDuringAMergeKeepsTheOldFile()
    {
        var source = SourceWithBigFile();
        var scratch = _tree.Dir("scratch");
        PrivateMountNamespace.Run(() =>
        {
            PrivateMountNamespace.MountTmpfs(scratch, "64k");
            Directory.CreateDirectory(scratch + "/src/sub");
            File.WriteAllText(scratch + "/src/sub/big", "old");

            var error = Assert.Throws<NativeException>(() => new TreeCopier().Copy(source, scratch + "/src", CopyMode.Full));

            Assert.Equal(Errno.ENOSPC, error.Errno);
            Assert.Equal("old", File.ReadAllText(scratch + "/src/sub/big"));
            Assert.Empty(TempTree.Temporaries(scratch + "/src"));
            Assert.Empty(TempTree.Temporaries(scratch + "/src/sub"));
        });
    }

    [Fact]
    public void AReadOnlyDestinationFailsCleanly()
    {
        var source = SourceWithBigFile();
        var scratch = _tree.Dir("scratch");
        PrivateMountNamespace.Run(() =>
        {
            PrivateMountNamespace.MountTmpfs(scratch, "1m");
            Directory.CreateDirectory(scratch + "/src");
            File.WriteAllText(scratch + "/src/a", "old");
            PrivateMountNamespace.RemountReadOnly(scratch);
            var copier = new TreeCopier();

            var fresh = Assert.Throws<NativeException>(() => copier.Copy(source, scratch + "/other", CopyMode.Full));
            Assert.Equal(Errno.EROFS, fresh.Errno);
            Assert.Contains(scratch + "/other", fresh.Message);
            Assert.Contains("read-only file system", fresh.Message);

            var merge = Assert.Throws<NativeException>(() => copier.Copy(source, scratch + "/src", CopyMode.Full));
            Assert.Equal(Errno.EROFS, merge.Errno);
            Assert.Equal("old", File.ReadAllText(scratch + "/src/a"));
            Assert.Equal(["src"], TreeAssert.Names(scratch, false));
        });
    }

    [Fact]
    public void RemoveContentsKeepsMountPointsAndWhatIsBelowThem()
    {
        var scratch = _tree.Dir("scratch");
        _tree.File("scratch/file", "x");
        _tree.Dir("scratch/dir/mnt");
        _tree.File("scratch/dir/other", "y");
        PrivateMountNamespace.Run(() =>
        {
            PrivateMountNamespace.MountTmpfs(scratch + "/dir/mnt", "1m");
            File.WriteAllText(scratch + "/dir/mnt/on-another-fs", "kept");

            var removed = new TreeCopier().RemoveContents(scratch);

            Assert.Equal(2, removed); // file and dir/other; dir stays because it holds the mount point
            Assert.Equal(["dir"], TreeAssert.Names(scratch, false));
            Assert.Equal(["mnt"], TreeAssert.Names(scratch + "/dir", false));
            Assert.Equal("kept", File.ReadAllText(scratch + "/dir/mnt/on-another-fs"));
        });
    }

    // ---- injected faults ----

    /// <summary>Moq needs a delegate type to call back through an <c>in</c> parameter.</summary>
    private delegate long CopyFileCall(string source, in FileStatus status, string destination);

    private static Mock<NativeDestinationWriter> Writer() => new() { CallBase = true };

    [Fact]
    public void AFaultOnTheThirdFileLeavesNothing()
    {
        var source = SampleTree.Build(_tree, "src");
        _tree.Dir("scratch");
        var writer = Writer();
        var files = 0;
        var real = new NativeDestinationWriter();
        writer.Setup(w => w.CopyFile(It.IsAny<string>(), in It.Ref<FileStatus>.IsAny, It.IsAny<string>()))
            .Returns(new CopyFileCall((string from, in FileStatus status, string to) =>
                ++files == 3 ? throw new NativeException("write", to, Errno.ENOSPC) : real.CopyFile(from, status, to)));

        var error = Assert.Throws<NativeException>(() => new TreeCopier(writer.Object).Copy(source, _tree.Path("scratch/src"), CopyMode.Full));

        Assert.Equal(Errno.ENOSPC, error.Errno);
        Assert.DoesNotContain(TemporaryNames.Suffix, error.Message);
        Assert.StartsWith("write " + _tree.Path("scratch/src/"), error.Message);
        Assert.Empty(TreeAssert.Names(_tree.Path("scratch"), false));
    }

    [Fact]
    public void AFailedRenameLeavesNothing()
    {
        var source = SampleTree.Build(_tree, "src");
        _tree.Dir("scratch");
        var writer = Writer();
        writer.Setup(w => w.Rename(It.IsAny<string>(), It.IsAny<string>()))
            .Throws((string from, string to) => new NativeException("rename", from, Errno.EROFS));

        var error = Assert.Throws<NativeException>(() => new TreeCopier(writer.Object).Copy(source, _tree.Path("scratch/src"), CopyMode.Full));

        Assert.Equal($"rename {_tree.Path("scratch/src")}: read-only file system (errno 30)", error.Message);
        Assert.Empty(TreeAssert.Names(_tree.Path("scratch"), false));
    }

    [Fact]
    public void AFaultInANestedDirectoryOfAMergeKeepsWhatWasThere()
    {
        var source = SampleTree.Build(_tree, "src");
        _tree.Dir("scratch");
        var destination = _tree.Path("scratch/src");
        new TreeCopier().Copy(source, destination, CopyMode.Full);
        Directory.Delete(destination + "/deep", recursive: true);
        var writer = Writer();
        writer.Setup(w => w.ApplyAttributes(It.IsAny<string?>(), in It.Ref<FileStatus>.IsAny, It.Is<string>(p => p.EndsWith("/1/2")) /* inside the temporary */))
            .Throws(new NativeException("utimensat", "x", Errno.EIO));

        Assert.Throws<NativeException>(() => new TreeCopier(writer.Object).Copy(source, destination, CopyMode.Full));

        Assert.False(Directory.Exists(destination + "/deep"));
        Assert.Empty(TempTree.Temporaries(destination));
        TreeAssert.SameTree(source + "/bin", destination + "/bin");
    }

    [Fact]
    public void DurableCopiesFlushBeforeRenamingAndOthersDoNot()
    {
        var file = _tree.File("f", "x");
        _tree.Dir("scratch");
        var durable = Writer();
        new TreeCopier(durable.Object).Copy(file, _tree.Path("scratch/one"), CopyMode.Full);
        durable.Verify(w => w.Flush(_tree.Path("scratch")), Times.Once);

        var fast = Writer();
        new TreeCopier(fast.Object) { Durable = false }.Copy(file, _tree.Path("scratch/two"), CopyMode.Full);
        fast.Verify(w => w.Flush(It.IsAny<string>()), Times.Never);
    }
}
