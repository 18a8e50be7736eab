namespace Personality.Fleet;

/// <summary>One disk of a guest: its file, its place (vda, vdb, ...), read-only or not, and the serial that names it.</summary>
/// <param name="Index">0 for the first disk: vda in libvirt, xvda in xl.</param>
public sealed record GuestDisk(int Index, string File, bool ReadOnly, string Serial)
{
    public string Device => $"vd{(char)('a' + Index)}";
    public string XenDevice => $"xvd{(char)('a' + Index)}";
}

/// <summary>
/// The disks every guest gets, in one order for libvirt and xl: the OS image (read-only, first, so
/// it is the boot disk), the shared application image if any (read-only), then the guest's own host,
/// app and state volumes (writable). The guest finds them by label; the order only fixes the boot disk.
/// </summary>
public static class GuestDisks
{
    public static IReadOnlyList<GuestDisk> For(Fleet fleet, GuestLayout layout)
    {
        var files = new List<(string File, bool ReadOnly, string Serial)> { (fleet.Images.Os, true, "os") };
        if (fleet.Images.App is { } app) files.Add((app, true, "appimage"));
        files.Add((layout.HostImage, false, "pers-host"));
        files.Add((layout.AppImage, false, "pers-app"));
        files.Add((layout.StateImage, false, "state"));
        return files.Select((f, i) => new GuestDisk(i, f.File, f.ReadOnly, f.Serial)).ToList();
    }
}
