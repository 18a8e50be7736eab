using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>
/// The open descriptors without close-on-exec: the ones this process inherited from whoever
/// started it (.NET and our own calls always set O_CLOEXEC), which a child would otherwise get too.
/// </summary>
internal static partial class InheritedDescriptors
{
    private const int F_GETFD = 1, FD_CLOEXEC = 1;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command);

    /// <summary>Empty when /proc is not mounted: then nothing can be listed, and nothing is worse than before.</summary>
    public static List<int> WithoutCloseOnExec()
    {
        var names = new List<string>();
        try { FileCalls.ReadDirectory("/proc/self/fd", names); }
        catch (IOException) { return []; }
        var inherited = new List<int>();
        foreach (var name in names)
            if (int.TryParse(name, out var fd) && Fcntl(fd, F_GETFD) is var flags && flags >= 0 && (flags & FD_CLOEXEC) == 0)
                inherited.Add(fd);
        return inherited;
    }
}
