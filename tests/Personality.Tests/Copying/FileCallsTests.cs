using System.Runtime.CompilerServices;
using Personality.Native;

namespace Personality.Tests.Copying;

public sealed partial class FileCallsTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void NativeStatHasTheX8664Layout() => Assert.Equal(144, Unsafe.SizeOf<FileCalls.NativeStat>());

    [Fact]
    public void LStatReadsTypeModeOwnerSizeAndTimes()
    {
        var path = _tree.File("f", "12345", "4750", 1234, 5678);
        TempTree.Times(path, 1_600_000_000, 42);
        var status = FileCalls.LStat(path);
        Assert.True(status.IsRegular);
        Assert.Equal(TempTree.Octal("4750"), status.Permissions);
        Assert.Equal((1234u, 5678u), (status.Uid, status.Gid));
        Assert.Equal(5, status.Size);
        Assert.Equal(new TimeSpec(1_600_000_000, 42), status.Mtime);
        Assert.Equal(new TimeSpec(1_599_999_000, 987_654_321), status.Atime);
        Assert.Equal(1ul, status.Nlink);
        Assert.NotEqual(0ul, status.Inode);
    }

    [Fact]
    public void LStatDoesNotFollowSymlinks()
    {
        _tree.Dir("d");
        var link = _tree.Symlink("l", "d");
        Assert.True(FileCalls.LStat(link).IsSymlink);
        Assert.Equal("d", FileCalls.ReadLink(link));
    }

    [Fact]
    public void LStatReadsDeviceNumbers()
    {
        var node = _tree.Node("null", FileStatus.S_IFCHR, "666", SampleTree.NullDevice);
        var status = FileCalls.LStat(node);
        Assert.True(status.IsDevice);
        Assert.Equal(SampleTree.NullDevice, status.Rdev);
    }

    [Fact]
    public void FailuresCarryErrnoAndPath()
    {
        var missing = _tree.Path("missing");
        var error = Assert.Throws<NativeException>(() => FileCalls.LStat(missing));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains(missing, error.Message);
        Assert.False(FileCalls.TryLStat(missing, out _));

        var file = _tree.File("file", "");
        var notDir = Assert.Throws<NativeException>(() => FileCalls.Mkdir(file + "/sub", 0x1ED));
        Assert.Equal(Errno.ENOTDIR, notDir.Errno);
    }

    [Fact]
    public void ReadDirectoryListsHiddenNamesButNotDotEntries()
    {
        _tree.Dir("d");
        _tree.File("d/.hidden", "");
        _tree.File("d/plain", "");
        _tree.File("d/ünïcode", "");
        var names = new List<string>();
        FileCalls.ReadDirectory(_tree.Path("d"), names);
        names.Sort(StringComparer.Ordinal);
        Assert.Equal([".hidden", "plain", "ünïcode"], names);
    }

    [Fact]
    public void ReadDirectoryRefusesNamesThatAreNotUtf8()
    {
        var directory = _tree.Dir("d");
        // Create "bad\xff" through the kernel with raw bytes: no .NET string can name it.
        Assert.Equal(0, Creat(System.Text.Encoding.UTF8.GetBytes(directory + "/bad").Concat(new byte[] { 0xFF, 0 }).ToArray()));
        var error = Assert.Throws<IOException>(() => FileCalls.ReadDirectory(directory, []));
        Assert.Contains("not valid UTF-8 (626164FF)", error.Message);
    }

    private static unsafe int Creat(byte[] path)
    {
        fixed (byte* p = path)
        {
            var fd = NativeCreat(p, 0x1A4);
            if (fd < 0) return -1;
            FileCalls.CloseQuietly(fd);
            return 0;
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "creat")]
    private static unsafe partial int NativeCreat(byte* path, uint mode);

    [Fact]
    public void ReadDirectoryRefusesToListThroughASymlink()
    {
        _tree.Dir("d");
        var link = _tree.Symlink("l", "d");
        Assert.Throws<NativeException>(() => FileCalls.ReadDirectory(link, []));
    }

    [Fact]
    public void ExtendedAttributesRoundTrip()
    {
        var path = _tree.File("f", "");
        if (!FileCalls.SetXattr(path, "user.test\0"u8, "value"u8)) return; // filesystem without user xattrs
        var names = Array.Empty<byte>();
        var length = FileCalls.ListXattrs(path, ref names);
        Assert.Contains("user.test\0"u8.ToArray(), Split(names, length));
        var value = Array.Empty<byte>();
        var size = FileCalls.GetXattr(path, "user.test\0"u8, ref value);
        Assert.Equal("value"u8.ToArray(), value[..size]);
        Assert.Equal(-1, FileCalls.GetXattr(path, "user.absent\0"u8, ref value));
    }

    private static List<byte[]> Split(byte[] buffer, int length)
    {
        var list = new List<byte[]>();
        for (int start = 0, i = 0; i < length; i++)
            if (buffer[i] == 0) { list.Add(buffer[start..(i + 1)]); start = i + 1; }
        return list;
    }
}
