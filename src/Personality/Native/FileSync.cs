using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>fsync(2) of one open file: what a record on a persistent volume needs before its rename.</summary>
public static partial class FileSync
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int NativeFsync(int fd);

    public static void Fsync(int fd, string pathForErrors)
    {
        if (NativeFsync(fd) != 0) throw Errno.Exception("fsync", pathForErrors);
    }
}
