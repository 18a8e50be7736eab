using System.Runtime.InteropServices;
using System.Text;

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

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLstat(string path, out NativeStat buffer);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int NativeFstat(int fd, out NativeStat buffer);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeMkdir(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeMknod(string path, uint mode, ulong dev);

    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeSymlink(string target, string linkPath);

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint NativeReadlink(string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeRename(string from, string to);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeUnlink(string path);

    [LibraryImport("libc", EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeRmdir(string path);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLchown(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeChmod(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeUtimensat(int dirFd, string path, TimeSpec* times, int flags);

    [LibraryImport("libc", EntryPoint = "llistxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint NativeLlistxattr(string path, byte* list, nuint size);

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint NativeLgetxattr(string path, byte* name, byte* value, nuint size);

    [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLsetxattr(string path, byte* name, byte* value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
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

    [LibraryImport("libc", EntryPoint = "fdopendir", SetLastError = true)]
    private static partial nint NativeFdopendir(int fd);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial nint NativeReaddir(nint dir);

    [LibraryImport("libc", EntryPoint = "closedir", SetLastError = true)]
    private static partial int NativeClosedir(nint dir);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint NativeGeteuid();

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

    public static uint EffectiveUid => NativeGeteuid();

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
        return Encoding.UTF8.GetString(buffer, (int)length);
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

    // ---- attributes ----

    /// <summary>lchown(2): never follows a symlink. Returns errno (0 on success) so callers can tolerate EPERM.</summary>
    public static int TryLChown(string path, uint uid, uint gid) => NativeLchown(path, uid, gid) == 0 ? 0 : Errno.Last;

    /// <summary>chmod(2) follows symlinks: never call it on one (Linux has no lchmod).</summary>
    public static void Chmod(string path, uint mode)
    {
        if (NativeChmod(path, mode) != 0) throw Errno.Exception("chmod", path);
    }

    /// <summary>Sets atime and mtime of the entry itself (AT_SYMLINK_NOFOLLOW).</summary>
    public static void SetTimes(string path, TimeSpec atime, TimeSpec mtime)
    {
        var times = stackalloc TimeSpec[2];
        times[0] = atime;
        times[1] = mtime;
        if (NativeUtimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) != 0) throw Errno.Exception("utimensat", path);
    }

    // ---- extended attributes ----

    /// <summary>
    /// Fills <paramref name="buffer"/> (grown as needed) with the NUL-separated attribute names of
    /// <paramref name="path"/> and returns their length; 0 when the filesystem has no xattrs.
    /// </summary>
    public static int ListXattrs(string path, ref byte[] buffer)
    {
        if (buffer.Length == 0) buffer = new byte[256]; // size 0 would ask for the length instead
        while (true)
        {
            nint length;
            fixed (byte* p = buffer) length = NativeLlistxattr(path, p, (nuint)buffer.Length);
            if (length >= 0) return (int)length;
            var errno = Errno.Last;
            if (errno == ENOTSUP) return 0;
            if (errno != ERANGE) throw new NativeException("llistxattr", path, errno);
            buffer = new byte[Math.Max(buffer.Length * 2, (int)QueryLength(NativeLlistxattr(path, null, 0), "llistxattr", path))];
        }
    }

    /// <summary>
    /// Reads attribute <paramref name="name"/> (NUL-terminated) into <paramref name="buffer"/>
    /// (grown as needed); returns its length, or -1 when it vanished since it was listed.
    /// </summary>
    public static int GetXattr(string path, ReadOnlySpan<byte> name, ref byte[] buffer)
    {
        if (buffer.Length == 0) buffer = new byte[256]; // size 0 would ask for the length instead
        fixed (byte* n = name)
        {
            while (true)
            {
                nint length;
                fixed (byte* p = buffer) length = NativeLgetxattr(path, n, p, (nuint)buffer.Length);
                if (length >= 0) return (int)length;
                var errno = Errno.Last;
                if (errno == Errno.ENODATA) return -1;
                if (errno != ERANGE) throw new NativeException("lgetxattr", XattrLabel(path, name), errno);
                buffer = new byte[Math.Max(buffer.Length * 2, (int)QueryLength(NativeLgetxattr(path, n, null, 0), "lgetxattr", path))];
            }
        }
    }

    /// <summary>Sets attribute <paramref name="name"/> (NUL-terminated); false when the filesystem does not support it.</summary>
    public static bool SetXattr(string path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        fixed (byte* n = name)
        fixed (byte* v = value)
        {
            if (NativeLsetxattr(path, n, v, (nuint)value.Length, 0) == 0) return true;
            var errno = Errno.Last;
            if (errno == ENOTSUP) return false;
            throw new NativeException("lsetxattr", XattrLabel(path, name), errno);
        }
    }

    private static nint QueryLength(nint length, string call, string path) =>
        length >= 0 ? length : throw Errno.Exception(call, path);

    private static string XattrLabel(string path, ReadOnlySpan<byte> name) =>
        $"{path} ({Encoding.UTF8.GetString(name.TrimEnd((byte)0))})";

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

    // ---- directories ----

    /// <summary>
    /// Appends the names in directory <paramref name="path"/> (without "." and "..") to
    /// <paramref name="names"/>. Opened with O_NOFOLLOW, so a symlink is never listed through.
    /// Names are strings, as everywhere in .NET: a name that is not valid UTF-8 could not be opened
    /// again through one, so it throws here instead of being skipped silently later.
    /// </summary>
    public static void ReadDirectory(string path, List<string> names)
    {
        var fd = Open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        var dir = NativeFdopendir(fd);
        if (dir == 0)
        {
            var errno = Errno.Last;
            CloseQuietly(fd);
            throw new NativeException("fdopendir", path, errno);
        }
        try
        {
            while (true)
            {
                var entry = NativeReaddir(dir); // the stub clears errno first, so NULL + 0 means the end
                if (entry == 0)
                {
                    if (Errno.Last != 0) throw Errno.Exception("readdir", path);
                    return;
                }
                // struct dirent64: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name at offset 19.
                var name = new ReadOnlySpan<byte>((byte*)entry + 19, 256);
                name = name[..name.IndexOf((byte)0)];
                if (name.Length == 1 && name[0] == (byte)'.') continue;
                if (name.Length == 2 && name[0] == (byte)'.' && name[1] == (byte)'.') continue;
                if (!System.Text.Unicode.Utf8.IsValid(name))
                    throw new IOException($"cannot handle an entry of {path}: its name is not valid UTF-8 ({System.Convert.ToHexString(name)})");
                names.Add(Encoding.UTF8.GetString(name));
            }
        }
        finally { NativeClosedir(dir); }
    }
}
