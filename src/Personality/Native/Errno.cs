using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>Turns the errno of the last libc call into a readable exception.</summary>
public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, EIO = 5, EACCES = 13, EBUSY = 16, EEXIST = 17, EXDEV = 18,
        ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENOSPC = 28, EROFS = 30, ENOTEMPTY = 39,
        ENODATA = 61, EOPNOTSUPP = 95;

    public static int Last => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => errno switch
    {
        ENOENT => "no such file or directory",
        EIO => "input/output error",
        EACCES => "permission denied",
        EBUSY => "device or resource busy",
        EEXIST => "file exists",
        ENODEV => "no such device (filesystem type not supported by the kernel)",
        ENOTDIR => "not a directory",
        EINVAL => "invalid argument",
        ENOSPC => "no space left on device",
        EROFS => "read-only file system",
        ENOTEMPTY => "directory not empty",
        _ => Marshal.GetPInvokeErrorMessage(errno),
    };

    public static NativeException Exception(string call, string path) => new(call, path, Last);
}

/// <summary>A failed libc call, keeping its errno so callers can tell "full" from "read-only".</summary>
public sealed class NativeException(string call, string path, int errno)
    : IOException($"{call} {path}: {Native.Errno.Describe(errno)} (errno {errno})")
{
    public string Call { get; } = call;
    public string Path { get; } = path;
    public int Errno { get; } = errno;
}
