using System.Globalization;
using System.Text;

namespace Personality.Fleet;

/// <summary>
/// A guest's libvirt domain: type qemu (TCG works everywhere; KVM is a later choice), the OS image
/// read-only as vda, the shared application image read-only, the guest's own volumes writable, each
/// disk with a serial naming it, the serial console to a log file the host reads (readiness), and no
/// graphics (libvirt rejects <c>&lt;graphics type='none'/&gt;</c>; leaving it out is how to have none).
/// </summary>
/// <remarks>
/// Found against libvirt 9.0:
/// <list type="bullet">
/// <item>A <c>&lt;uuid&gt;</c> derived from the domain name (<see cref="StableUuid"/>): without one,
/// libvirt makes up a new UUID on each define, and defining a changed domain.xml for an existing
/// domain fails ("already exists with uuid"). Derived, so a rebuild writes the same file.</item>
/// <item><c>&lt;features&gt;&lt;acpi/&gt;&lt;apic/&gt;&lt;/features&gt;</c>: without ACPI the guest
/// logs "ACPI BIOS Error: A valid RSDP was not found", and <c>virsh shutdown</c> (an ACPI power
/// button press) does nothing.</item>
/// <item><c>&lt;seclabel model='dac' relabel='no'/&gt;</c> in the source of the shared read-only
/// disks (OS and app images): otherwise libvirt chowns those files, shared by every guest, to its
/// qemu user and leaves them so. Not for a session connection: a session daemon runs qemu as its
/// own user, relabels nothing, has no DAC driver and refuses any label ("Security driver model ...
/// is not available"). The guest's own writable volumes keep libvirt's relabelling, which is what
/// lets qemu write them.</item>
/// </list>
/// </remarks>
public static class DomainXml
{
    public static string For(Fleet fleet, FleetGuest guest, GuestLayout layout)
    {
        var x = new StringBuilder();
        x.Append("<domain type='qemu'>\n");
        x.Append($"  <name>{Escape(guest.DomainName)}</name>\n");
        x.Append($"  <uuid>{StableUuid.Of(guest.DomainName)}</uuid>\n");
        x.Append($"  <memory unit='KiB'>{guest.Memory.KiB.ToString(CultureInfo.InvariantCulture)}</memory>\n");
        x.Append($"  <vcpu>{guest.Vcpus.ToString(CultureInfo.InvariantCulture)}</vcpu>\n");
        x.Append("  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n");
        if (fleet.Boot is { } boot)
        {
            x.Append($"    <kernel>{Escape(boot.Kernel)}</kernel>\n");
            if (boot.Initrd is not null) x.Append($"    <initrd>{Escape(boot.Initrd)}</initrd>\n");
            x.Append($"    <cmdline>{Escape(boot.Cmdline)}</cmdline>\n");
        }
        else
        {
            x.Append("    <boot dev='hd'/>\n");
        }
        x.Append("  </os>\n");
        x.Append("  <features>\n    <acpi/>\n    <apic/>\n  </features>\n");
        x.Append("  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n  <on_crash>destroy</on_crash>\n");
        x.Append("  <devices>\n");
        foreach (var disk in GuestDisks.For(fleet, layout))
        {
            x.Append("    <disk type='file' device='disk'>\n");
            x.Append("      <driver name='qemu' type='raw'/>\n");
            if (disk.ReadOnly && !IsSession(guest.Connection))
                x.Append($"      <source file='{Escape(disk.File)}'>\n        <seclabel model='dac' relabel='no'/>\n      </source>\n");
            else
                x.Append($"      <source file='{Escape(disk.File)}'/>\n");
            x.Append($"      <target dev='{disk.Device}' bus='virtio'/>\n");
            if (disk.ReadOnly) x.Append("      <readonly/>\n");
            x.Append($"      <serial>{disk.Serial}</serial>\n");
            x.Append("    </disk>\n");
        }
        x.Append($"    <serial type='file'>\n      <source path='{Escape(layout.Console)}'/>\n      <target port='0'/>\n    </serial>\n");
        x.Append($"    <console type='file'>\n      <source path='{Escape(layout.Console)}'/>\n      <target type='serial' port='0'/>\n    </console>\n");
        x.Append("    <memballoon model='none'/>\n");
        x.Append("  </devices>\n");
        x.Append("</domain>\n");
        return x.ToString();
    }

    /// <summary>A session connection (qemu:///session, qemu+ssh://host/session, ...): the URI's path is /session.</summary>
    public static bool IsSession(string connection)
    {
        var rest = connection.Split('?', 2)[0];
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return false;
        var afterHost = rest.IndexOf('/', scheme + 3);
        return afterHost >= 0 && rest[afterHost..].TrimEnd('/') == "/session";
    }

    /// <summary>Text and attribute values: the five XML specials.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
