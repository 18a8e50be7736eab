namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Whether this kernel can mount a filesystem type: listed in /proc/filesystems or available as a module.
/// Some CI kernels have neither vfat nor iso9660; tests then expect the binary's fallback instead.
/// </summary>
public static class KernelFilesystems
{
    public static bool Supports(FsType type)
    {
        var name = type.Name();
        if (File.ReadLines("/proc/filesystems").Any(l => l.Split('\t').LastOrDefault()?.Trim() == name))
            return true;
        var module = type == FsType.Iso9660 ? "isofs" : name;
        var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var modules = $"/lib/modules/{release}";
        return Directory.Exists(modules) &&
               Directory.EnumerateFiles(modules, module + ".ko*", SearchOption.AllDirectories).Any();
    }
}
