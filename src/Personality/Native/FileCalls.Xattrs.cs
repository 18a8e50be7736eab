using System.Runtime.InteropServices;
using System.Text;

namespace Personality.Native;

/// <summary>Extended attributes, by path (never following a symlink) or on an open descriptor.</summary>
public static unsafe partial class FileCalls
{
    [LibraryImport("libc", EntryPoint = "llistxattr", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial nint NativeLlistxattr(string path, byte* list, nuint size);

    [LibraryImport("libc", EntryPoint = "flistxattr", SetLastError = true)]
    private static partial nint NativeFlistxattr(int fd, byte* list, nuint size);

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial nint NativeLgetxattr(string path, byte* name, byte* value, nuint size);

    [LibraryImport("libc", EntryPoint = "fgetxattr", SetLastError = true)]
    private static partial nint NativeFgetxattr(int fd, byte* name, byte* value, nuint size);

    [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    private static partial int NativeLsetxattr(string path, byte* name, byte* value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true)]
    private static partial int NativeFsetxattr(int fd, byte* name, byte* value, nuint size, int flags);

    /// <summary>A path (the l* calls) or an open descriptor (the f* calls); the path also names errors.</summary>
    private readonly struct XattrSubject(string path, int fd)
    {
        public string Path { get; } = path;

        public nint List(byte* list, nuint size) => fd >= 0 ? NativeFlistxattr(fd, list, size) : NativeLlistxattr(Path, list, size);

        public nint Get(byte* name, byte* value, nuint size) => fd >= 0 ? NativeFgetxattr(fd, name, value, size) : NativeLgetxattr(Path, name, value, size);

        public int Set(byte* name, byte* value, nuint size) => fd >= 0 ? NativeFsetxattr(fd, name, value, size, 0) : NativeLsetxattr(Path, name, value, size, 0);

        public string Call(string name) => (fd >= 0 ? "f" : "l") + name;
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> (grown as needed) with the NUL-separated attribute names of
    /// <paramref name="path"/> and returns their length; 0 when the filesystem has no xattrs.
    /// </summary>
    public static int ListXattrs(string path, ref byte[] buffer) => ListXattrs(new XattrSubject(path, -1), ref buffer);

    /// <summary><see cref="ListXattrs(string, ref byte[])"/> of an open file; <paramref name="pathForErrors"/> names it in errors.</summary>
    public static int ListXattrs(int fd, string pathForErrors, ref byte[] buffer) => ListXattrs(new XattrSubject(pathForErrors, fd), ref buffer);

    /// <summary>
    /// Reads attribute <paramref name="name"/> (NUL-terminated) into <paramref name="buffer"/>
    /// (grown as needed); returns its length, or -1 when it vanished since it was listed.
    /// </summary>
    public static int GetXattr(string path, ReadOnlySpan<byte> name, ref byte[] buffer) => GetXattr(new XattrSubject(path, -1), name, ref buffer);

    public static int GetXattr(int fd, string pathForErrors, ReadOnlySpan<byte> name, ref byte[] buffer) =>
        GetXattr(new XattrSubject(pathForErrors, fd), name, ref buffer);

    /// <summary>Sets attribute <paramref name="name"/> (NUL-terminated); false when the filesystem does not support it.</summary>
    public static bool SetXattr(string path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => SetXattr(new XattrSubject(path, -1), name, value);

    public static bool SetXattr(int fd, string pathForErrors, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        SetXattr(new XattrSubject(pathForErrors, fd), name, value);

    /// <summary>
    /// True when directory <paramref name="path"/> has a default ACL, which then replaces the umask
    /// for everything created in it. When it cannot be told, true: the caller must not assume.
    /// </summary>
    public static bool HasDefaultAcl(string path)
    {
        fixed (byte* name = "system.posix_acl_default\0"u8)
        {
            if (NativeLgetxattr(path, name, null, 0) >= 0) return true;
            return Errno.Last is not (Errno.ENODATA or ENOTSUP);
        }
    }

    private static int ListXattrs(XattrSubject subject, ref byte[] buffer)
    {
        if (buffer.Length == 0) buffer = new byte[256]; // size 0 would ask for the length instead
        while (true)
        {
            nint length;
            fixed (byte* p = buffer) length = subject.List(p, (nuint)buffer.Length);
            if (length >= 0) return (int)length;
            var errno = Errno.Last;
            if (errno == ENOTSUP) return 0;
            if (errno != ERANGE) throw new NativeException(subject.Call("listxattr"), subject.Path, errno);
            buffer = new byte[Math.Max(buffer.Length * 2, (int)QueryLength(subject.List(null, 0), subject.Call("listxattr"), subject.Path))];
        }
    }

    private static int GetXattr(XattrSubject subject, ReadOnlySpan<byte> name, ref byte[] buffer)
    {
        if (buffer.Length == 0) buffer = new byte[256]; // size 0 would ask for the length instead
        fixed (byte* n = name)
        {
            while (true)
            {
                nint length;
                fixed (byte* p = buffer) length = subject.Get(n, p, (nuint)buffer.Length);
                if (length >= 0) return (int)length;
                var errno = Errno.Last;
                if (errno == Errno.ENODATA) return -1;
                if (errno != ERANGE) throw new NativeException(subject.Call("getxattr"), XattrLabel(subject.Path, name), errno);
                buffer = new byte[Math.Max(buffer.Length * 2, (int)QueryLength(subject.Get(n, null, 0), subject.Call("getxattr"), subject.Path))];
            }
        }
    }

    private static bool SetXattr(XattrSubject subject, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        fixed (byte* n = name)
        fixed (byte* v = value)
        {
            if (subject.Set(n, v, (nuint)value.Length) == 0) return true;
            var errno = Errno.Last;
            if (errno == ENOTSUP) return false;
            throw new NativeException(subject.Call("setxattr"), XattrLabel(subject.Path, name), errno);
        }
    }

    private static nint QueryLength(nint length, string call, string path) =>
        length >= 0 ? length : throw Errno.Exception(call, path);

    private static string XattrLabel(string path, ReadOnlySpan<byte> name) =>
        $"{path} ({Encoding.UTF8.GetString(name.TrimEnd((byte)0))})";
}
