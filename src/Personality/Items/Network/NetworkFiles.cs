using System.Text;

namespace Personality.Items.Network;

/// <summary>
/// What <c>network:</c> writes, as CentOS's initscripts read it: one
/// /etc/sysconfig/network-scripts/ifcfg-DEVICE per interface (its default route as GATEWAY there,
/// so /etc/sysconfig/network, the image's, is not touched) and /etc/resolv.conf when there are
/// nameservers or search domains.
/// </summary>
public static class NetworkFiles
{
    public const string ScriptsDirectory = "/etc/sysconfig/network-scripts";
    public const string ResolvConf = "/etc/resolv.conf";
    /// <summary>rw-r--r--: what the distribution ships these files with.</summary>
    public const int Mode = 0b110_100_100;

    private const string Header = "# Written by personality(8) at boot from the host volume's network item; changes here do not last.\n";

    public static string IfcfgPath(string device) => $"{ScriptsDirectory}/ifcfg-{device}";

    public static IReadOnlyList<GeneratedFile> Of(NetworkSettings network)
    {
        var files = new List<GeneratedFile>();
        // Given nameservers are the guest's: dhclient must not replace them with the DHCP server's.
        var keepResolver = network.Dns.Count > 0;
        foreach (var i in network.Interfaces)
            files.Add(new GeneratedFile(IfcfgPath(i.Device), Ifcfg(i, keepResolver), Mode, Summary(i), i.Origin));
        if (network.ResolverOrigin is { } origin)
            files.Add(new GeneratedFile(ResolvConf, Resolv(network), Mode,
                string.Join(" ", [.. network.Dns.Select(d => $"nameserver {d}"), .. network.Search.Select(s => $"search {s}")]), origin));
        return files;
    }

    /// <summary>
    /// An ifcfg file. PREFIX and NETMASK both: CentOS 5's ifup reads only NETMASK, later ones
    /// prefer PREFIX. NM_CONTROLLED=no: the network service, not NetworkManager, brings it up.
    /// </summary>
    public static string Ifcfg(InterfaceEntry i, bool keepResolver)
    {
        var text = new StringBuilder(Header);
        text.Append($"DEVICE={i.Device}\nONBOOT=yes\nNM_CONTROLLED=no\n");
        if (i.Address is { } a)
        {
            text.Append($"BOOTPROTO=static\nIPADDR={a.Address}\nPREFIX={a.Prefix}\nNETMASK={a.Netmask}\n");
            if (i.Gateway is { } g) text.Append($"GATEWAY={g}\n");
        }
        else
        {
            text.Append("BOOTPROTO=dhcp\n");
            if (keepResolver) text.Append("PEERDNS=no\n");
        }
        return text.ToString();
    }

    /// <summary>resolv.conf: one search line (the last one wins in the resolver), then the nameservers.</summary>
    public static string Resolv(NetworkSettings network)
    {
        var text = new StringBuilder(Header);
        if (network.Search.Count > 0) text.Append($"search {string.Join(' ', network.Search)}\n");
        foreach (var d in network.Dns) text.Append($"nameserver {d}\n");
        return text.ToString();
    }

    private static string Summary(InterfaceEntry i) =>
        i.Address is { } a ? $"{i.Device} static {a}" + (i.Gateway is { } g ? $" via {g}" : "") : $"{i.Device} dhcp";
}
