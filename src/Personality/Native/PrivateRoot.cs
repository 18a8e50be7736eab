using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>
/// Makes a directory the root of the calling thread only, stronger than chroot (which a root
/// process can leave): the thread gets its own mount namespace and filesystem context, the tree
/// is bind-mounted onto itself and pivot_root'ed to, and the old root is detached. The host's
/// files are then simply not there for the thread or anything it spawns (in a pid namespace of
/// its own); the namespace lives
/// as long as one of them does.
/// </summary>
internal static partial class PrivateRoot
{
    private const int CLONE_FS = 0x00000200, CLONE_NEWNS = 0x00020000, CLONE_NEWPID = 0x20000000;
    private const long SYS_pivot_root = 155;

    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static partial int Unshare(int flags);

    [LibraryImport("libc", EntryPoint = "chdir", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int Chdir(string path);

    // glibc has no pivot_root wrapper.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial long Syscall(long number, string first, string second);

    /// <summary>Call on a dedicated thread that ends afterwards. Returns an error message, or null.</summary>
    public static string? Enter(string rootDirectory)
    {
        // CLONE_FS too: root and cwd are shared by all threads until unshared. CLONE_NEWPID: the
        // program is pid 1 of its own pid namespace, so a /proc it mounts shows no host process
        // (no way out through /proc/PID/root), and whatever it leaves running dies with it.
        if (Unshare(CLONE_NEWNS | CLONE_FS | CLONE_NEWPID) != 0) return Failed("unshare(CLONE_NEWNS|CLONE_FS|CLONE_NEWPID)");
        try
        {
            // Private first, so nothing done here propagates back to the host's mounts.
            MountCalls.Mount(null, "/", null, MountCalls.MS_REC | MountCalls.MS_PRIVATE, null);
            // pivot_root needs the new root to be a mount point.
            MountCalls.Mount(rootDirectory, rootDirectory, null, MountCalls.MS_BIND | MountCalls.MS_REC, null);
        }
        catch (NativeException e)
        {
            return ErrnoNames.Message($"{e.Call} {e.Path}", e.Errno);
        }
        if (Chdir(rootDirectory) != 0) return Failed($"chdir {rootDirectory}");
        // pivot_root(".", "."): the old root ends up stacked on the new one, then is detached.
        if (Syscall(SYS_pivot_root, ".", ".") != 0) return Failed($"pivot_root {rootDirectory}");
        try { MountCalls.Unmount(".", MountCalls.MNT_DETACH); }
        catch (NativeException e) { return ErrnoNames.Message("umount2 (old root)", e.Errno); }
        if (Chdir("/") != 0) return Failed("chdir /");
        return null;
    }

    private static string Failed(string call) => ErrnoNames.Message(call, Errno.Last);
}
