using Personality.Steps;
using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>rwtab "files": cp -a.</summary>
public sealed class FullCopyTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TreeCopier _copier = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void CopiesEveryKindOfEntryWithItsAttributes()
    {
        var source = SampleTree.Build(_tree, "src");
        _tree.Dir("scratch");
        var destination = _tree.Path("scratch/src");

        var result = _copier.Copy(source, destination, CopyMode.Full);

        TreeAssert.SameTree(source, destination);
        Assert.Equal(SampleTree.EntryCount, TreeAssert.CountEntries(source));
        Assert.Equal(new CopyResult(SampleTree.EntryCount, 0, SampleTree.ContentBytes), result);
        Assert.True(result.Changed);
        Assert.Empty(TempTree.Temporaries(_tree.Path("scratch")));
    }

    [Fact]
    public void KeepsSpecialModesOwnersAndNanosecondTimes()
    {
        var source = SampleTree.Build(_tree, "src");
        _tree.Dir("scratch");
        var before = FileCalls.LStat(source + "/private");
        _copier.Copy(source, _tree.Path("scratch/src"), CopyMode.Full);

        Assert.Equal(TempTree.Octal("4755"), FileCalls.LStat(_tree.Path("scratch/src/bin/tool")).Permissions);
        Assert.Equal(TempTree.Octal("2711"), FileCalls.LStat(_tree.Path("scratch/src/bin/group-tool")).Permissions);
        Assert.Equal(FileStatus.S_IFDIR | TempTree.Octal("1777"), FileCalls.LStat(_tree.Path("scratch/src/tmp")).Mode);
        var copy = FileCalls.LStat(_tree.Path("scratch/src/private"));
        Assert.Equal(FileStatus.S_IFDIR | TempTree.Octal("700"), copy.Mode);
        Assert.Equal((1234u, 5678u), (copy.Uid, copy.Gid));
        // Directory times are set after the children, and atime comes from before the copy read it.
        Assert.Equal(before.Mtime, copy.Mtime);
        Assert.Equal(before.Atime, copy.Atime);
        var link = FileCalls.LStat(_tree.Path("scratch/src/links/relative"));
        Assert.Equal((1234u, 5678u), (link.Uid, link.Gid));
        Assert.Equal(FileCalls.LStat(source + "/links/relative").Mtime, link.Mtime);
    }

    [Fact]
    public void CopiesSymlinksAsLinksAndNeverFollowsThem()
    {
        _tree.Dir("src");
        _tree.Dir("outside");
        _tree.File("outside/big", "must not be copied");
        _tree.Symlink("src/escape", _tree.Path("outside"));
        _tree.Dir("scratch");

        var result = _copier.Copy(_tree.Path("src"), _tree.Path("scratch/src"), CopyMode.Full);

        Assert.True(FileCalls.LStat(_tree.Path("scratch/src/escape")).IsSymlink);
        Assert.Equal(_tree.Path("outside"), FileCalls.ReadLink(_tree.Path("scratch/src/escape")));
        Assert.Equal(2, result.Created);
        Assert.Equal(0, result.Bytes);
    }

    [Fact]
    public void CopiesATopLevelSymlinkAsALink()
    {
        _tree.File("target", "content");
        var link = _tree.Symlink("link", "target");
        _tree.Dir("scratch");
        _copier.Copy(link, _tree.Path("scratch/link"), CopyMode.Full);
        TreeAssert.SameEntry(link, _tree.Path("scratch/link"));
        Assert.Equal("target", FileCalls.ReadLink(_tree.Path("scratch/link")));
    }

    [Fact]
    public void CopiesASingleFile()
    {
        var file = _tree.File("resolv.conf", "nameserver 10.0.0.1\n", "640", 0, 5678);
        TempTree.Times(file, 1_234_567_890);
        _tree.Dir("scratch");
        var result = _copier.Copy(file, _tree.Path("scratch/resolv.conf"), CopyMode.Full);
        TreeAssert.SameEntry(file, _tree.Path("scratch/resolv.conf"));
        Assert.Equal(new CopyResult(1, 0, 20), result);
    }

    [Fact]
    public void CopiesFifosSocketsAndDeviceNodes()
    {
        var fifo = _tree.Node("fifo", FileStatus.S_IFIFO, "620");
        var socket = _tree.Node("socket", FileStatus.S_IFSOCK, "777");
        var device = _tree.Node("null", FileStatus.S_IFCHR, "666", SampleTree.NullDevice);
        var block = _tree.Node("loop", FileStatus.S_IFBLK, "660", (7 << 8) | 0);
        _tree.Dir("scratch");
        foreach (var path in new[] { fifo, socket, device, block })
        {
            var copy = _tree.Path("scratch/" + Path.GetFileName(path));
            _copier.Copy(path, copy, CopyMode.Full);
            TreeAssert.SameEntry(path, copy);
        }
    }

    [Fact]
    public void CopiesLargeContent()
    {
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(data);
        var file = _tree.Path("big");
        File.WriteAllBytes(file, data);
        _tree.Dir("scratch");
        var result = _copier.Copy(file, _tree.Path("scratch/big"), CopyMode.Full);
        Assert.Equal(data.Length, result.Bytes);
        Assert.Equal(data, File.ReadAllBytes(_tree.Path("scratch/big")));
    }

    [Fact]
    public void KeepsHolesInSparseFiles()
    {
        var file = _tree.Path("lastlog");
        using (var stream = File.Create(file))
        {
            stream.Seek(64L * 1024 * 1024, SeekOrigin.Begin);
            stream.Write("data"u8);
            stream.SetLength(128L * 1024 * 1024);
        }
        _tree.Dir("scratch");
        var copy = _tree.Path("scratch/lastlog");

        var result = _copier.Copy(file, copy, CopyMode.Full);

        var status = FileCalls.LStat(copy);
        Assert.Equal(128L * 1024 * 1024, status.Size);
        Assert.True(status.Blocks * 512 < 1024 * 1024, $"copy allocates {status.Blocks * 512} bytes");
        Assert.True(result.Bytes < 1024 * 1024);
        using var read = File.OpenRead(copy);
        read.Seek(64L * 1024 * 1024, SeekOrigin.Begin);
        var buffer = new byte[4];
        read.ReadExactly(buffer);
        Assert.Equal("data"u8.ToArray(), buffer);
    }

    [Fact]
    public void CopiesHardLinksAsSeparateFiles()
    {
        _tree.Dir("src");
        var first = _tree.File("src/one", "shared");
        _tree.HardLink("src/two", first);
        _tree.Dir("scratch");
        _copier.Copy(_tree.Path("src"), _tree.Path("scratch/src"), CopyMode.Full);
        var one = FileCalls.LStat(_tree.Path("scratch/src/one"));
        var two = FileCalls.LStat(_tree.Path("scratch/src/two"));
        Assert.False(one.SameFile(two));
        Assert.Equal("shared", File.ReadAllText(_tree.Path("scratch/src/two")));
    }

    [Fact]
    public void CopiesExtendedAttributes()
    {
        _tree.Dir("src");
        var file = _tree.File("src/f", "x");
        if (!FileCalls.SetXattr(file, "user.test\0"u8, "hello"u8)) return; // skipped: no user xattrs on this filesystem
        Assert.True(FileCalls.SetXattr(_tree.Path("src"), "user.dir\0"u8, ""u8));
        Assert.True(FileCalls.SetXattr(file, "trusted.test\0"u8, "root only"u8));
        _tree.Dir("scratch");

        _copier.Copy(_tree.Path("src"), _tree.Path("scratch/src"), CopyMode.Full);

        var value = Array.Empty<byte>();
        var length = FileCalls.GetXattr(_tree.Path("scratch/src/f"), "user.test\0"u8, ref value);
        Assert.Equal("hello"u8.ToArray(), value[..length]);
        length = FileCalls.GetXattr(_tree.Path("scratch/src/f"), "trusted.test\0"u8, ref value);
        Assert.Equal("root only"u8.ToArray(), value[..length]);
        Assert.Equal(0, FileCalls.GetXattr(_tree.Path("scratch/src"), "user.dir\0"u8, ref value));
    }

    [Fact]
    public void CopyingATreeIntoItselfLeavesTheCopyOut()
    {
        _tree.Dir("var");
        _tree.File("var/log", "l");
        _tree.Dir("var/lib");
        _tree.Dir("var/lib/writable");

        var result = _copier.Copy(_tree.Path("var"), _tree.Path("var/lib/writable/var"), CopyMode.Full);

        Assert.Equal(["lib", "log"], TreeAssert.Names(_tree.Path("var/lib/writable/var"), false));
        Assert.Empty(TreeAssert.Names(_tree.Path("var/lib/writable/var/lib/writable"), false));
        Assert.Equal(4, result.Created); // var, log, lib, lib/writable (empty)
    }

    [Fact]
    public void TheSourceMustExist()
    {
        var error = Assert.Throws<NativeException>(() => _copier.Copy(_tree.Path("missing"), _tree.Path("copy"), CopyMode.Full));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.False(File.Exists(_tree.Path("copy")));
    }

    [Fact]
    public void CopyingAPathOntoItselfIsRefused()
    {
        _tree.Dir("d");
        Assert.Throws<IOException>(() => _copier.Copy(_tree.Path("d"), _tree.Path("d"), CopyMode.Full));
    }
}
