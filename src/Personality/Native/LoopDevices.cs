using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>
/// Attaches an image file to a free loop device, read-only and auto-cleared: the kernel frees the
/// device once it is unmounted and closed, so a crash leaves nothing attached. (LOOP_CONFIGURE,
/// Linux 5.8+.)
/// </summary>
public static unsafe partial class LoopDevices
{
    private const nuint LOOP_CTL_GET_FREE = 0x4C82, LOOP_CONFIGURE = 0x4C0A;
    private const uint LO_FLAGS_READ_ONLY = 1, LO_FLAGS_AUTOCLEAR = 4;
    private const int O_RDONLY = 0, O_RDWR = 2, O_CLOEXEC = 0x80000;

    [StructLayout(LayoutKind.Sequential)]
    private struct LoopConfig
    {
        public uint Fd;
        public uint BlockSize;
        public fixed byte InfoHead[52]; // loop_info64 up to lo_flags: device, inode, rdevice, offset, sizelimit, number, encrypt type, key size
        public uint Flags;              // lo_flags
        public fixed byte InfoTail[176]; // file name, crypt name, key, init
        public fixed ulong Reserved[8];
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, nint argument);

    /// <summary>
    /// Returns the open loop device (keep it open until unmounted) and its path. Another process
    /// may take the free device between asking and configuring (EBUSY): ask again, as losetup does.
    /// </summary>
    public static (int Fd, string Device) AttachReadOnly(string image)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return TryAttachReadOnly(image); }
            catch (NativeException e) when (e.Errno == Errno.EBUSY && attempt < 10) { }
        }
    }

    private static (int Fd, string Device) TryAttachReadOnly(string image)
    {
        var control = FileCalls.Open("/dev/loop-control", O_RDWR | O_CLOEXEC);
        int number;
        try
        {
            number = Ioctl(control, LOOP_CTL_GET_FREE, 0);
            if (number < 0) throw Errno.Exception("ioctl LOOP_CTL_GET_FREE", "/dev/loop-control");
        }
        finally { FileCalls.CloseQuietly(control); }

        var device = $"/dev/loop{number}";
        var loop = FileCalls.Open(device, O_RDWR | O_CLOEXEC);
        var backing = FileCalls.Open(image, O_RDONLY | O_CLOEXEC);
        try
        {
            var config = new LoopConfig { Fd = (uint)backing, Flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR };
            if (Ioctl(loop, LOOP_CONFIGURE, (nint)(&config)) != 0) throw Errno.Exception("ioctl LOOP_CONFIGURE", device);
        }
        catch
        {
            FileCalls.CloseQuietly(loop);
            throw;
        }
        finally { FileCalls.CloseQuietly(backing); }
        return (loop, device);
    }
}
