using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Personality.Native;

/// <summary>A directory entry: its name and d_type (the type without an lstat, when the filesystem says).</summary>
public readonly record struct DirectoryEntry(string Name, byte Type)
{
    public const byte DT_UNKNOWN = 0, DT_DIR = 4;

    /// <summary>False only when the entry is known not to be a directory; DT_UNKNOWN needs an lstat to tell.</summary>
    public bool MayBeDirectory => Type is DT_DIR or DT_UNKNOWN;
}

/// <summary>Listing directories with getdents64 straight into a pooled buffer.</summary>
public static unsafe partial class FileCalls
{
    private const int DirectoryBufferSize = 32 * 1024;

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static partial nint NativeGetdents64(int fd, byte* buffer, nuint size);

    /// <summary>
    /// Appends the names in directory <paramref name="path"/> (without "." and "..") to
    /// <paramref name="names"/>. Opened with O_NOFOLLOW, so a symlink is never listed through.
    /// Names are strings, as everywhere in .NET: a name that is not valid UTF-8 could not be opened
    /// again through one, so it throws here instead of being skipped silently later.
    /// </summary>
    public static void ReadDirectory(string path, List<string> names) => ReadDirectory(path, names, null, false);

    /// <summary>
    /// <see cref="ReadDirectory(string, List{string})"/> with each entry's d_type;
    /// <paramref name="mayBeDirectoriesOnly"/> leaves out (without making their names) the
    /// entries d_type says are not directories.
    /// </summary>
    public static void ReadDirectoryEntries(string path, List<DirectoryEntry> entries, bool mayBeDirectoriesOnly = false) =>
        ReadDirectory(path, null, entries, mayBeDirectoriesOnly);

    // getdents64 rather than fdopendir/readdir: glibc's opendir adds an fstat and two fcntl per directory.
    private static void ReadDirectory(string path, List<string>? names, List<DirectoryEntry>? entries, bool mayBeDirectoriesOnly)
    {
        var fd = Open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        var buffer = ArrayPool<byte>.Shared.Rent(DirectoryBufferSize);
        try
        {
            fixed (byte* start = buffer)
            {
                while (true)
                {
                    var length = NativeGetdents64(fd, start, (nuint)buffer.Length);
                    if (length < 0)
                    {
                        if (Errno.Last == EINTR) continue;
                        throw Errno.Exception("getdents64", path);
                    }
                    if (length == 0) return;
                    // struct linux_dirent64: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name at offset 19.
                    for (nint offset = 0; offset < length; offset += *(ushort*)(start + offset + 16))
                    {
                        var entry = start + offset;
                        var type = entry[18];
                        if (mayBeDirectoriesOnly && type is not (DirectoryEntry.DT_DIR or DirectoryEntry.DT_UNKNOWN)) continue;
                        var name = new ReadOnlySpan<byte>(entry + 19, *(ushort*)(entry + 16) - 19);
                        name = name[..name.IndexOf((byte)0)];
                        if (name.Length == 1 && name[0] == (byte)'.') continue;
                        if (name.Length == 2 && name[0] == (byte)'.' && name[1] == (byte)'.') continue;
                        if (!System.Text.Unicode.Utf8.IsValid(name))
                            throw new IOException($"cannot handle an entry of {path}: its name is not valid UTF-8 ({System.Convert.ToHexString(name)})");
                        var text = Encoding.UTF8.GetString(name);
                        names?.Add(text);
                        entries?.Add(new DirectoryEntry(text, type));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            CloseQuietly(fd);
        }
    }
}
