using Personality.Core;
using Personality.Manifests;
using Personality.Manifests.Yaml;

namespace Personality.Items.Network;

/// <summary>
/// Checks <c>network:</c>: each interface (device, a static address or DHCP, gateway), the
/// nameservers and search domains, each problem reported where it is written. Every file the
/// items become is a target of this manifest, so <c>files:</c> cannot place it a second time.
/// </summary>
internal static class NetworkReader
{
    /// <summary>glibc's MAXNS: the resolver reads the first three nameservers and ignores the rest.</summary>
    public const int MaxNameservers = 3;
    /// <summary>The search list of glibc before 2.26 (CentOS 5-7): six domains, 256 characters.</summary>
    public const int MaxSearchDomains = 6, MaxSearchChars = 255;
    /// <summary>IFNAMSIZ less its terminating zero.</summary>
    public const int MaxDeviceChars = 15;

    private const string Interfaces = "network.interfaces", Dns = "network.dns", Search = "network.search";

    public static NetworkSettings Read(NetworkDto? dto, ManifestValues values)
    {
        if (dto is null) return NetworkSettings.None;
        var interfaces = ReadInterfaces(dto.Interfaces, values);
        var dns = ReadNameservers(dto.Dns, values);
        var search = ReadSearch(dto.Search, values);
        Origin? resolver = null;
        if (dns.Count > 0 || search.Count > 0)
        {
            var key = dns.Count > 0 ? Dns : Search;
            if (values.Target(NetworkFiles.ResolvConf, key, "resolver file (network dns and search)") is not null) resolver = values.At.Key(key);
        }
        return new NetworkSettings(interfaces, dns, search, resolver);
    }

    private static List<InterfaceEntry> ReadInterfaces(List<InterfaceDto>? list, ManifestValues values)
    {
        var at = values.At;
        var result = new List<InterfaceEntry>();
        var devices = new Dictionary<string, Origin>(StringComparer.Ordinal);
        InterfaceEntry? routed = null;
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item(Interfaces, i);
            if (values.Item(list![i], item, Interfaces) is not { } dto) continue;
            var origin = at.Node(item);
            var ok = true;

            var device = values.Required(dto.Device, item, "device", "an interface", "name the kernel's interface, e.g. 'device: eth0'");
            if (device is not null && !IsDevice(device))
            {
                values.Error(at.Node($"{item}.device"), $"bad device name '{device}'",
                    $"a device is a lowercase letter, then lowercase letters and digits, at most {MaxDeviceChars} in all, e.g. eth0 or ens3; not lo");
                device = null;
            }
            else if (device is not null && devices.TryGetValue(device, out var first))
            {
                values.Error(at.Node($"{item}.device"), $"device '{device}' is listed twice", $"the first is at {first}; give each interface once");
                device = null;
            }
            else if (device is not null) devices.Add(device, at.Node($"{item}.device"));
            ok &= device is not null;

            bool? dhcp = null;
            if (values.Optional(dto.Dhcp, $"{item}.dhcp") is { } d)
            {
                dhcp = d switch { "true" => true, "false" => false, _ => null };
                if (dhcp is null) values.Error(at.Node($"{item}.dhcp"), $"bad dhcp value '{d}'", "write dhcp: true, or give a static address instead");
                ok &= dhcp is not null;
            }

            Ipv4Prefix? address = null;
            if (values.Optional(dto.Address, $"{item}.address") is { } a)
            {
                if (!Ipv4Prefix.TryParse(a, out var parsed, out var problem))
                    values.Error(at.Node($"{item}.address"), $"bad address '{a}': {problem}", "write an IPv4 address with its prefix length, e.g. address: 192.168.122.11/24");
                else if (dhcp == true)
                    values.Error(at.Node($"{item}.address"), "an interface has a static address or dhcp: true, not both", "remove one of them");
                else address = parsed;
                ok &= address is not null;
            }
            // Not when either was written but already reported (a bad dhcp value, "address:" with nothing).
            else if (dhcp != true && !at.Has($"{item}.address") && !values.Reported($"{item}.address") && !(dto.Dhcp is not null && dhcp is null))
            {
                values.Error(origin, $"interface {device ?? "entry"} needs 'address' or 'dhcp: true'",
                    "give a static address, e.g. address: 192.168.122.11/24, or write dhcp: true");
                ok = false;
            }

            Ipv4? gateway = null;
            if (values.Optional(dto.Gateway, $"{item}.gateway") is { } g)
            {
                var gatewayAt = at.Node($"{item}.gateway");
                if (!Ipv4.TryParse(g, out var parsed))
                    values.Error(gatewayAt, $"bad gateway '{g}'", "write an IPv4 address, e.g. gateway: 192.168.122.1");
                else if (dhcp == true)
                    values.Error(gatewayAt, "an interface with dhcp: true gets its gateway from DHCP", "remove 'gateway', or give a static address");
                else if (routed is not null)
                    values.Error(gatewayAt, $"a second gateway: the default route is one, and {routed.Device} has it ({routed.Origin})", "keep the gateway on one interface");
                else gateway = parsed;
                ok &= gateway is not null;
                if (gateway is { } gw && address is { } net && !net.Address.SameNetwork(gw, net.Prefix))
                    values.Warn(gatewayAt, $"gateway {gw} is not in {device}'s network {net}: the default route cannot be added",
                        "give the gateway of the interface's own network, or the right prefix length");
            }

            if (!ok) continue;
            var entry = new InterfaceEntry(device!, address, gateway, origin);
            if (gateway is not null) routed = entry;
            // Taken as a target of this manifest, so `files:` cannot place the same file as well.
            if (values.Target(NetworkFiles.IfcfgPath(device!), $"{item}.device", "network interface file") is not null) result.Add(entry);
        }
        return result;
    }

    private static List<Ipv4> ReadNameservers(List<string>? list, ManifestValues values)
    {
        var result = new List<Ipv4>();
        var seen = new Dictionary<Ipv4, Origin>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item(Dns, i);
            var origin = values.At.Node(item);
            var text = list![i];
            if (text is null && values.Reported(item)) continue;
            if (text is null || !Ipv4.TryParse(text, out var address))
                values.Error(origin, text is null ? "an empty nameserver" : $"bad nameserver '{text}'", "write an IPv4 address, e.g. dns: [192.168.122.1]");
            else if (seen.TryGetValue(address, out var first))
                values.Error(origin, $"nameserver {address} is listed twice", $"the first is at {first}; keep one");
            else if (seen.Count == MaxNameservers)
                values.Error(origin, $"more than {MaxNameservers} nameservers: the resolver reads the first {MaxNameservers} and ignores the rest",
                    $"keep at most {MaxNameservers}");
            else
            {
                seen.Add(address, origin);
                result.Add(address);
            }
        }
        return result;
    }

    private static List<string> ReadSearch(List<string>? list, ManifestValues values)
    {
        var result = new List<string>();
        var seen = new Dictionary<string, Origin>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = NodePositions.Item(Search, i);
            var origin = values.At.Node(item);
            var text = list![i];
            if (text is null && values.Reported(item)) continue;
            if (text is null || !IsDomain(text))
                values.Error(origin, text is null ? "an empty search domain" : $"bad search domain '{text}'",
                    "write a domain name: dot-separated labels of letters, digits and '-', e.g. search: [rack.example]");
            else if (seen.TryGetValue(text, out var first))
                values.Error(origin, $"search domain '{text}' is listed twice", $"the first is at {first}; keep one");
            else if (seen.Count == MaxSearchDomains || string.Join(' ', [.. result, text]).Length > MaxSearchChars)
                values.Error(origin, $"too many search domains: the resolver takes at most {MaxSearchDomains}, {MaxSearchChars + 1} characters in all",
                    "keep fewer search domains");
            else
            {
                seen.Add(text, origin);
                result.Add(text);
            }
        }
        return result;
    }

    /// <summary>An interface name as ifcfg files name it: "eth0", "ens3"; not the loopback, which is the image's.</summary>
    public static bool IsDevice(string text) =>
        text.Length is > 0 and <= MaxDeviceChars && char.IsAsciiLetterLower(text[0])
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && text != "lo";

    /// <summary>A domain name: at most 253 characters of dot-separated labels of letters, digits and '-' (not at either end).</summary>
    public static bool IsDomain(string text) =>
        text.Length is > 0 and <= 253 && text.Split('.').All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
