using System.Runtime.InteropServices;
using Personality.Native;

namespace Personality.Discovery;

/// <summary>
/// Positioned reads from a device node through open/pread. FileStream would take an advisory
/// flock on the node, which fails when a partitioning tool holds the device's exclusive lock
/// (the udev convention); probing must not depend on that, and errno tells EIO from EACCES.
/// </summary>
internal static partial class DeviceFile
{
    private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000;
    private const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>; fewer come back
    /// only at the end of the device. Throws <see cref="NativeException"/> with the errno.
    /// </summary>
    public static byte[] ReadAt(string path, long offset, int count)
    {
        var fd = Open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            throw Errno.Exception("open", path);
        try
        {
            var buffer = new byte[count];
            var filled = Fill(fd, path, buffer, offset);
            return filled == count ? buffer : buffer[..filled];
        }
        finally
        {
            Close(fd);
        }
    }

    private static unsafe int Fill(int fd, string path, byte[] buffer, long offset)
    {
        var filled = 0;
        fixed (byte* start = buffer)
        {
            while (filled < buffer.Length)
            {
                var got = PRead(fd, start + filled, (nuint)(buffer.Length - filled), offset + filled);
                if (got == 0)
                    break; // end of device
                if (got < 0)
                {
                    if (Errno.Last == EINTR) continue;
                    throw Errno.Exception("read", path);
                }
                filled += (int)got;
            }
        }
        return filled;
    }
}
