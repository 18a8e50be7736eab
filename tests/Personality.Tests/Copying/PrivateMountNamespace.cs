using System.Runtime.InteropServices;
using System.Runtime.ExceptionServices;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>
/// Runs test code on a fresh thread that has its own mount namespace (unshare(CLONE_NEWNS)
/// affects only the calling thread). Mounts made there are invisible to the host and vanish when
/// the thread ends, even if the test process is killed: real full and read-only filesystems
/// without any risk of leaving host mounts behind.
/// </summary>
internal static partial class PrivateMountNamespace
{
    private const int CLONE_NEWNS = 0x00020000;

    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static partial int Unshare(int flags);

    public static void Run(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (Unshare(CLONE_NEWNS) != 0) throw Errno.Exception("unshare", "CLONE_NEWNS");
                // Private first: otherwise a mount below a shared mount would propagate to the host.
                MountCalls.Mount(null, "/", null, MountCalls.MS_REC | MountCalls.MS_PRIVATE, null);
                action();
            }
            catch (Exception error) { failure = error; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> at <paramref name="path"/> (call inside <see cref="Run"/> only).</summary>
    public static void MountTmpfs(string path, string size, bool readOnly = false) =>
        MountCalls.Mount("tmpfs", path, "tmpfs", readOnly ? MountCalls.MS_RDONLY : 0, $"size={size},mode=755");

    public static void RemountReadOnly(string path) =>
        MountCalls.Mount(null, path, null, MountCalls.MS_REMOUNT | MountCalls.MS_RDONLY, null);
}
