using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>A struct timespec: seconds and nanoseconds, laid out as the kernel expects.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TimeSpec(long Seconds, long Nanoseconds);

/// <summary>What lstat(2) says about one directory entry (a symlink is never followed).</summary>
public readonly record struct FileStatus
{
    public const uint S_IFMT = 0xF000, S_IFSOCK = 0xC000, S_IFLNK = 0xA000, S_IFREG = 0x8000,
        S_IFBLK = 0x6000, S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFIFO = 0x1000;

    /// <summary>Type bits and permission bits (including setuid, setgid, sticky).</summary>
    public uint Mode { get; init; }
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public ulong Rdev { get; init; }
    public long Size { get; init; }
    /// <summary>Allocated 512-byte blocks: fewer than the size needs means the file has holes.</summary>
    public long Blocks { get; init; }
    public TimeSpec Atime { get; init; }
    public TimeSpec Mtime { get; init; }
    public ulong Inode { get; init; }
    public ulong Dev { get; init; }
    public ulong Nlink { get; init; }

    public uint Type => Mode & S_IFMT;
    /// <summary>The bits chmod(2) takes: 07777.</summary>
    public uint Permissions => Mode & 0xFFF;
    public bool IsDirectory => Type == S_IFDIR;
    public bool IsRegular => Type == S_IFREG;
    public bool IsSymlink => Type == S_IFLNK;
    public bool IsDevice => Type is S_IFCHR or S_IFBLK;
    /// <summary>A fifo, socket or device node: recreated with mknod.</summary>
    public bool IsNode => Type is S_IFIFO or S_IFSOCK or S_IFCHR or S_IFBLK;
    public bool IsSparse => IsRegular && Blocks * 512 < Size;
    public bool SameFile(in FileStatus other) => Dev == other.Dev && Inode == other.Inode;

    /// <summary>A word for messages: "directory", "regular file", "symlink"...</summary>
    public string Kind => Type switch
    {
        S_IFDIR => "directory",
        S_IFREG => "regular file",
        S_IFLNK => "symlink",
        S_IFIFO => "fifo",
        S_IFSOCK => "socket",
        S_IFCHR => "character device",
        S_IFBLK => "block device",
        _ => "file of unknown type",
    };
}

/// <summary>
/// The libc file calls the copy engine needs, bound at link time (DirectPInvoke) so errno
/// survives in the static binary. Every path call is the no-follow variant where one exists.
/// Failures throw <see cref="NativeException"/> carrying errno.
/// </summary>
public static unsafe partial class FileCalls
{
    public const int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0x40, O_EXCL = 0x80, O_DIRECTORY = 0x10000,
        O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000;
    public const int SEEK_SET = 0, SEEK_DATA = 3, SEEK_HOLE = 4;
    // errno values Errno.cs does not name; x86_64 Linux numbering.
    public const int EINTR = 4, EBADF = 9, EPERM = 1, ERANGE = 34, ENOSYS = 38, ENXIO = 6, ENOTSUP = 95;

    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;

    /// <summary>x86_64 struct stat (144 bytes); other architectures lay it out differently.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeStat
    {
        public ulong Dev, Ino, Nlink;
        public uint Mode, Uid, Gid;
        public int Pad0;
        public ulong Rdev;
        public long Size, BlkSize, Blocks;
        public long AtimeSec, AtimeNsec, MtimeSec, MtimeNsec, CtimeSec, CtimeNsec;
        public long Reserved0, Reserved1, Reserved2;
    }

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeLstat(string path, out NativeStat buffer);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int NativeFstat(int fd, out NativeStat buffer);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeMkdir(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeMknod(string path, uint mode, ulong dev);

    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeSymlink(string target, string linkPath);

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial nint NativeReadlink(string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeRename(string from, string to);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeUnlink(string path);

    [LibraryImport("libc", EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeRmdir(string path);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeOpen(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int NativeClose(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint NativeRead(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint NativeWrite(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint NativeCopyFileRange(int inFd, long* inOffset, int outFd, long* outOffset, nuint length, uint flags);

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint NativeSendfile(int outFd, int inFd, long* offset, nuint count);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long NativeLseek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int NativeFtruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int NativeSyncfs(int fd);

    // ---- status ----

    public static FileStatus LStat(string path)
    {
        if (NativeLstat(path, out var st) != 0) throw Errno.Exception("lstat", path);
        return Convert(st);
    }

    /// <summary>False when nothing is at <paramref name="path"/> (ENOENT); other errors throw.</summary>
    public static bool TryLStat(string path, out FileStatus status)
    {
        if (NativeLstat(path, out var st) == 0) { status = Convert(st); return true; }
        var errno = Errno.Last;
        status = default;
        if (errno == Errno.ENOENT) return false;
        throw new NativeException("lstat", path, errno);
    }

    /// <summary>lstat(2) that never throws: 0 and the status, or errno (ENOENT, ENOTDIR, EACCES...).</summary>
    public static int LStatOrErrno(string path, out FileStatus status)
    {
        if (NativeLstat(path, out var st) == 0) { status = Convert(st); return 0; }
        status = default;
        return Errno.Last;
    }

    public static FileStatus FStat(int fd, string pathForErrors)
    {
        if (NativeFstat(fd, out var st) != 0) throw Errno.Exception("fstat", pathForErrors);
        return Convert(st);
    }

    private static FileStatus Convert(in NativeStat st) => new()
    {
        Mode = st.Mode, Uid = st.Uid, Gid = st.Gid, Rdev = st.Rdev, Size = st.Size, Blocks = st.Blocks,
        Atime = new TimeSpec(st.AtimeSec, st.AtimeNsec), Mtime = new TimeSpec(st.MtimeSec, st.MtimeNsec),
        Inode = st.Ino, Dev = st.Dev, Nlink = st.Nlink,
    };

    // ---- creating, renaming, removing ----

    public static void Mkdir(string path, uint mode)
    {
        if (NativeMkdir(path, mode) != 0) throw Errno.Exception("mkdir", path);
    }

    /// <summary>mknod(2) for fifos, sockets and device nodes; <paramref name="mode"/> carries the type bits.</summary>
    public static void Mknod(string path, uint mode, ulong device)
    {
        if (NativeMknod(path, mode, device) != 0) throw Errno.Exception("mknod", path);
    }

    public static void Symlink(string target, string linkPath)
    {
        if (NativeSymlink(target, linkPath) != 0) throw Errno.Exception("symlink", linkPath);
    }

    public static string ReadLink(string path)
    {
        // PATH_MAX is 4096; one more byte tells a full buffer from a truncated target.
        const int size = 4097;
        var buffer = stackalloc byte[size];
        var length = NativeReadlink(path, buffer, size);
        if (length < 0) throw Errno.Exception("readlink", path);
        if (length >= size) throw new NativeException("readlink", path, ERANGE);
        return PathBytes.Decode(new ReadOnlySpan<byte>(buffer, (int)length));
    }

    public static void Rename(string from, string to)
    {
        if (NativeRename(from, to) != 0) throw Errno.Exception("rename", from);
    }

    public static void Unlink(string path)
    {
        if (NativeUnlink(path) != 0) throw Errno.Exception("unlink", path);
    }

    public static void Rmdir(string path)
    {
        if (NativeRmdir(path) != 0) throw Errno.Exception("rmdir", path);
    }

    /// <summary>Like <see cref="Rmdir"/> or <see cref="Unlink"/>, but returns errno (0 on success) instead of throwing.</summary>
    public static int TryRemove(string path, bool directory)
    {
        var rc = directory ? NativeRmdir(path) : NativeUnlink(path);
        return rc == 0 ? 0 : Errno.Last;
    }

    // ---- file descriptors and content ----

    public static int Open(string path, int flags, uint mode = 0)
    {
        int fd;
        do fd = NativeOpen(path, flags | O_CLOEXEC, mode);
        while (fd < 0 && Errno.Last == EINTR);
        if (fd < 0) throw Errno.Exception("open", path);
        return fd;
    }

    /// <summary>close(2), reporting a late write error (NFS, some block devices report ENOSPC/EIO here).</summary>
    public static void Close(int fd, string pathForErrors)
    {
        if (NativeClose(fd) != 0 && Errno.Last != EINTR) throw Errno.Exception("close", pathForErrors);
    }

    /// <summary>close(2) on an error path, where the first error is the one worth reporting.</summary>
    public static void CloseQuietly(int fd) => NativeClose(fd);

    /// <summary>Raw calls for the content pump: they return -1 and leave errno in <see cref="Errno.Last"/>.</summary>
    public static long CopyFileRange(int inFd, int outFd, long length) => NativeCopyFileRange(inFd, null, outFd, null, (nuint)length, 0);

    /// <inheritdoc cref="CopyFileRange"/>
    public static long SendFile(int outFd, int inFd, long length) => NativeSendfile(outFd, inFd, null, (nuint)length);

    /// <inheritdoc cref="CopyFileRange"/>
    public static long Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer) return NativeRead(fd, p, (nuint)buffer.Length);
    }

    /// <inheritdoc cref="CopyFileRange"/>
    public static long Write(int fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer) return NativeWrite(fd, p, (nuint)buffer.Length);
    }

    /// <inheritdoc cref="CopyFileRange"/>
    public static long Seek(int fd, long offset, int whence) => NativeLseek(fd, offset, whence);

    public static void Truncate(int fd, long length, string pathForErrors)
    {
        if (NativeFtruncate(fd, length) != 0) throw Errno.Exception("ftruncate", pathForErrors);
    }

    /// <summary>syncfs(2): flushes the whole filesystem holding <paramref name="path"/> (one call, not one per file).</summary>
    public static void SyncFilesystem(string path)
    {
        var fd = Open(path, O_RDONLY | O_DIRECTORY);
        try
        {
            if (NativeSyncfs(fd) != 0) throw Errno.Exception("syncfs", path);
        }
        finally { CloseQuietly(fd); }
    }
}
