using System.Runtime.InteropServices;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>A private directory under /tmp with helpers to build odd trees; deleted on Dispose, even after a failure.</summary>
internal sealed partial class TempTree : IDisposable
{
    public TempTree()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "personality-copying-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static uint Octal(string digits) => Convert.ToUInt32(digits, 8);

    public string Path(string relative) => relative.Length == 0 ? Root : Root + "/" + relative.TrimStart('/');

    public string Dir(string relative, string mode = "755", uint uid = 0, uint gid = 0)
    {
        var path = Path(relative);
        Directory.CreateDirectory(path);
        Attributes(path, mode, uid, gid);
        return path;
    }

    public string File(string relative, string content, string mode = "644", uint uid = 0, uint gid = 0)
    {
        var path = Path(relative);
        System.IO.File.WriteAllText(path, content);
        Attributes(path, mode, uid, gid);
        return path;
    }

    public string Symlink(string relative, string target, uint uid = 0, uint gid = 0)
    {
        var path = Path(relative);
        FileCalls.Symlink(target, path);
        Assert.Equal(0, FileCalls.TryLChown(path, uid, gid));
        return path;
    }

    public string Node(string relative, uint type, string mode, ulong device = 0)
    {
        var path = Path(relative);
        FileCalls.Mknod(path, type | Octal("600"), device);
        FileCalls.Chmod(path, Octal(mode));
        return path;
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLink(string existing, string newPath);

    public string HardLink(string relative, string existing)
    {
        var path = Path(relative);
        if (NativeLink(existing, path) != 0) throw Errno.Exception("link", path);
        return path;
    }

    public static void Attributes(string path, string mode, uint uid, uint gid)
    {
        Assert.Equal(0, FileCalls.TryLChown(path, uid, gid));
        FileCalls.Chmod(path, Octal(mode)); // after chown, which clears setuid
    }

    /// <summary>Distinct, nanosecond-precise, long-past times, so a copy that forgets them shows.</summary>
    public static void Times(string path, long seconds, long nanoseconds = 123_456_789) =>
        FileCalls.SetTimes(path, new TimeSpec(seconds - 1000, 987_654_321), new TimeSpec(seconds, nanoseconds));

    /// <summary>Entries in a directory whose names carry the temporary marker.</summary>
    public static string[] Temporaries(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFileSystemEntries(directory, "*.personality-tmp", new EnumerationOptions { AttributesToSkip = 0 })
            : [];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
