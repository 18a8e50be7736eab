namespace Personality.Tests.Discovery;

/// <summary>A /sys/class/block look-alike in a temp directory: one directory per device.</summary>
internal sealed class FakeSysfs(TempDirectory dir)
{
    public string ClassBlock { get; } = Directory.CreateDirectory(Path.Combine(dir.Path, "sys-class-block")).FullName;

    public string Add(string name, string? dev, string? sectors, string? devName = null, string? holder = null)
    {
        var entry = Directory.CreateDirectory(Path.Combine(ClassBlock, name)).FullName;
        if (dev is not null) File.WriteAllText(Path.Combine(entry, "dev"), dev + "\n");
        if (sectors is not null) File.WriteAllText(Path.Combine(entry, "size"), sectors + "\n");
        var uevent = $"MAJOR={dev?.Split(':')[0]}\n" + (devName is null ? "" : $"DEVNAME={devName}\n") + "DEVTYPE=disk\n";
        File.WriteAllText(Path.Combine(entry, "uevent"), uevent);
        var holders = Directory.CreateDirectory(Path.Combine(entry, "holders")).FullName;
        if (holder is not null) Directory.CreateDirectory(Path.Combine(holders, holder));
        return entry;
    }
}
