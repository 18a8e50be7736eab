using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>mount(2) and umount2(2), bound at link time (DirectPInvoke) so errno survives.</summary>
public static partial class MountCalls
{
    public const ulong MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
        MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOATIME = 1024, MS_NODIRATIME = 2048,
        MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768, MS_UNBINDABLE = 1 << 17,
        MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21,
        MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;

    public const int MNT_DETACH = 2;

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeMount(string? source, string target, string? fsType, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeUmount2(string target, int flags);

    public static void Mount(string? source, string target, string? fsType, ulong flags, string? data)
    {
        if (NativeMount(source, target, fsType, flags, string.IsNullOrEmpty(data) ? null : data) != 0)
            throw Errno.Exception("mount", target);
    }

    public static void Unmount(string target, int flags = 0)
    {
        if (NativeUmount2(target, flags) != 0)
            throw Errno.Exception("umount", target);
    }
}
