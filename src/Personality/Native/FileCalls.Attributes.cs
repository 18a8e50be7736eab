using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>Owner, mode and times, by path (never following a symlink) or on an open descriptor.</summary>
public static unsafe partial class FileCalls
{
    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeLchown(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int NativeFchown(int fd, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeChmod(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int NativeFchmod(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeUtimensat(int dirFd, string path, TimeSpec* times, int flags);

    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    private static partial int NativeFutimens(int fd, TimeSpec* times);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint NativeGeteuid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    private static partial uint NativeGetegid();

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint NativeUmask(uint mask);

    public static uint EffectiveUid => NativeGeteuid();

    public static uint EffectiveGid => NativeGetegid();

    /// <summary>
    /// The process umask, from /proc/self/status (Linux 4.7 and later). There is no call that only
    /// reads it, so without /proc it is swapped for 077 and back: a file another thread creates
    /// meanwhile can only come out more private, never less.
    /// </summary>
    public static uint ReadUmask()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("Umask:", StringComparison.Ordinal))
                    return System.Convert.ToUInt32(line[6..].Trim(), 8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        var mask = NativeUmask(0x3F);
        NativeUmask(mask);
        return mask;
    }

    /// <summary>lchown(2): never follows a symlink. Returns errno (0 on success) so callers can tolerate EPERM.</summary>
    public static int TryLChown(string path, uint uid, uint gid) => NativeLchown(path, uid, gid) == 0 ? 0 : Errno.Last;

    /// <summary>fchown(2); returns errno (0 on success) like <see cref="TryLChown"/>.</summary>
    public static int TryFChown(int fd, uint uid, uint gid) => NativeFchown(fd, uid, gid) == 0 ? 0 : Errno.Last;

    /// <summary>chmod(2) follows symlinks: never call it on one (Linux has no lchmod).</summary>
    public static void Chmod(string path, uint mode)
    {
        if (NativeChmod(path, mode) != 0) throw Errno.Exception("chmod", path);
    }

    public static void FChmod(int fd, uint mode, string pathForErrors)
    {
        if (NativeFchmod(fd, mode) != 0) throw Errno.Exception("fchmod", pathForErrors);
    }

    /// <summary>Sets atime and mtime of the entry itself (AT_SYMLINK_NOFOLLOW).</summary>
    public static void SetTimes(string path, TimeSpec atime, TimeSpec mtime)
    {
        var times = stackalloc TimeSpec[2];
        times[0] = atime;
        times[1] = mtime;
        if (NativeUtimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) != 0) throw Errno.Exception("utimensat", path);
    }

    /// <summary>futimens(2): atime and mtime of an open file.</summary>
    public static void SetTimes(int fd, TimeSpec atime, TimeSpec mtime, string pathForErrors)
    {
        var times = stackalloc TimeSpec[2];
        times[0] = atime;
        times[1] = mtime;
        if (NativeFutimens(fd, times) != 0) throw Errno.Exception("futimens", pathForErrors);
    }
}
