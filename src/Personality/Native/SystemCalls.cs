using System.Runtime.InteropServices;
using System.Text;

namespace Personality.Native;

/// <summary>The few remaining libc calls: hostname, write access, namespace identity.</summary>
public static partial class SystemCalls
{
    private const int W_OK = 2;

    [LibraryImport("libc", EntryPoint = "sethostname", SetLastError = true)]
    private static partial int NativeSethostname(byte[] name, nuint length);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeAccess(string path, int mode);

    public static void SetHostname(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        if (NativeSethostname(bytes, (nuint)bytes.Length) != 0) throw Errno.Exception("sethostname", name);
    }

    /// <summary>False when the path cannot be written (read-only filesystem, permissions).</summary>
    public static bool IsWritable(string path) => NativeAccess(path, W_OK) == 0;

    /// <summary>
    /// True when this process has its own UTS namespace (a container, or a test's `unshare -u`):
    /// only then may a --root run change the kernel hostname without touching the host's.
    /// </summary>
    public static bool HasPrivateUtsNamespace()
    {
        // The machine's own UTS namespace always has the kernel's fixed inode PROC_UTS_INIT_INO;
        // comparing with /proc/1 would need rights on PID 1 that a sandbox may not give.
        const string Initial = "uts:[4026531838]";
        try
        {
            var link = File.ResolveLinkTarget("/proc/self/ns/uts", false)?.ToString();
            return link is not null && Path.GetFileName(link) != Initial;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
