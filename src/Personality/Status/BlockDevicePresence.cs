namespace Personality.Status;

/// <summary>Whether a recorded device is still attached, and its major:minor when known.</summary>
public readonly record struct DeviceState(bool Present, string? MajorMinor);

/// <summary>
/// Looks a device up in /sys/class/block (a detached loop device keeps its entry with size 0, so
/// size counts), else by its node. The node path is the one the record names (/dev/loop3).
/// </summary>
public sealed class BlockDevicePresence(string sysClassBlock = "/sys/class/block")
{
    public DeviceState Find(string device)
    {
        var node = device;
        try
        {
            if (new FileInfo(device).ResolveLinkTarget(returnFinalTarget: true) is { } final) node = final.FullName;
        }
        catch (IOException) { }
        var name = node.StartsWith("/dev/", StringComparison.Ordinal) ? node[5..].Replace('/', '!') : Path.GetFileName(node);
        var entry = Path.Combine(sysClassBlock, name);
        if (name.Length > 0 && Directory.Exists(entry))
        {
            var size = Read(Path.Combine(entry, "size"));
            var present = size is null || (long.TryParse(size, out var sectors) && sectors > 0);
            return new DeviceState(present, Read(Path.Combine(entry, "dev")));
        }
        return new DeviceState(File.Exists(node), null);
    }

    private static string? Read(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
