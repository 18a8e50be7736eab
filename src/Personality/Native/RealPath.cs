using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>realpath(3): mountinfo shows resolved paths, so the target root must be compared resolved.</summary>
public static unsafe partial class RealPath
{
    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial IntPtr NativeRealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    public static string Resolve(string path)
    {
        var result = NativeRealPath(path, IntPtr.Zero);
        if (result == IntPtr.Zero) throw Errno.Exception("realpath", path);
        try { return PathBytes.Decode(MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)result)); }
        finally { Free(result); }
    }
}
