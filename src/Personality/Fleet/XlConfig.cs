using System.Globalization;
using System.Text;

namespace Personality.Fleet;

/// <summary>
/// The same guest for Xen's <c>xl create</c>: name, memory (MiB), vcpus, the disks in
/// <see cref="GuestDisks"/> order (<c>format=raw, vdev=xvda, access=ro, target=PATH</c>; target last,
/// as xl-disk-configuration requires for a path), and the kernel when the fleet boots one directly.
/// </summary>
public static class XlConfig
{
    public static string For(Fleet fleet, FleetGuest guest, GuestLayout layout)
    {
        var x = new StringBuilder();
        x.Append($"# {guest.DomainName}: written by personality fleet build\n");
        x.Append($"name = {Quote(guest.DomainName)}\n");
        if (fleet.Boot is null) x.Append("type = \"hvm\"\n");
        x.Append($"memory = {guest.Memory.MiB.ToString(CultureInfo.InvariantCulture)}\n");
        x.Append($"vcpus = {guest.Vcpus.ToString(CultureInfo.InvariantCulture)}\n");
        if (fleet.Boot is { } boot)
        {
            x.Append($"kernel = {Quote(boot.Kernel)}\n");
            if (boot.Initrd is not null) x.Append($"ramdisk = {Quote(boot.Initrd)}\n");
            x.Append($"extra = {Quote(boot.Cmdline)}\n");
        }
        var disks = GuestDisks.For(fleet, layout)
            .Select(d => $"'format=raw, vdev={d.XenDevice}, access={(d.ReadOnly ? "ro" : "rw")}, target={d.File}'");
        x.Append("disk = [ ").Append(string.Join(",\n         ", disks)).Append(" ]\n");
        x.Append("on_poweroff = \"destroy\"\non_reboot = \"restart\"\non_crash = \"destroy\"\n");
        return x.ToString();
    }

    /// <summary>A string in xl's double quotes (paths and the command line; <see cref="Check"/> refuses what cannot be written).</summary>
    private static string Quote(string text) => $"\"{text}\"";

    /// <summary>
    /// Why a path or command line cannot be written in an xl config (a quote, a backslash or a
    /// control character: xl's strings have no escapes we can rely on), or null.
    /// </summary>
    public static string? Check(string text) =>
        text.Any(c => c is '"' or '\'' or '\\' || char.IsControl(c)) ? $"'{text}' holds a quote, backslash or control character, which an xl config cannot hold" : null;
}
