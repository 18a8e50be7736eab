using Personality.Core;
using Personality.Items.Network;
using Personality.Manifests;
using Personality.Tests.Manifests;

namespace Personality.Tests.Items.Network;

/// <summary><c>network:</c> of a host manifest: the model read, and each bad value reported at its line and column.</summary>
public class NetworkReaderTests
{
    private const string Host = "PERS_HOST:personality.yaml";
    private const string Head = "version: 1\nrole: host\nnetwork:\n";

    private static Origin At(int line, int column) => new(Host, line, column);

    private static Ipv4 Ip(string text) => Ipv4.TryParse(text, out var a) ? a : throw new ArgumentException(text);

    [Fact]
    public void TheExampleIsReadWithItemOrigins()
    {
        var m = ManifestReaderTests.ParseOk("""
            version: 1
            role: host
            hostname: web01
            network:
              interfaces:
                - {device: eth0, address: 192.168.122.11/24, gateway: 192.168.122.1}
                - {device: eth1, dhcp: true}
              dns: [192.168.122.1]
              search: [rack.example]
            """, "PERS_HOST");
        var network = m.Network;
        Assert.Equal(
            [
                new InterfaceEntry("eth0", new Ipv4Prefix(Ip("192.168.122.11"), 24), Ip("192.168.122.1"), At(6, 7)),
                new InterfaceEntry("eth1", null, null, At(7, 7)),
            ],
            network.Interfaces);
        Assert.True(network.Interfaces[1].Dhcp);
        Assert.Equal([Ip("192.168.122.1")], network.Dns);
        Assert.Equal(["rack.example"], network.Search);
        Assert.Equal(At(8, 3), network.ResolverOrigin);
    }

    [Fact]
    public void WithoutNetworkThereIsNothing() =>
        Assert.Same(NetworkSettings.None, ManifestReaderTests.ParseOk("version: 1\nrole: host\n", "PERS_HOST").Network);

    [Theory]
    // Devices.
    [InlineData("  interfaces: [{device: Eth0, dhcp: true}]", "Eth0", "bad device name 'Eth0' (a device is a lowercase letter, then lowercase letters and digits, at most 15 in all, e.g. eth0 or ens3; not lo)")]
    [InlineData("  interfaces: [{device: eth0.100, dhcp: true}]", "eth0.100", "bad device name 'eth0.100' (a device is a lowercase letter, then lowercase letters and digits, at most 15 in all, e.g. eth0 or ens3; not lo)")]
    [InlineData("  interfaces: [{device: abcdefghijklmnop, dhcp: true}]", "abcdefghijklmnop", "bad device name 'abcdefghijklmnop' (a device is a lowercase letter, then lowercase letters and digits, at most 15 in all, e.g. eth0 or ens3; not lo)")]
    [InlineData("  interfaces: [{device: lo, dhcp: true}]", "lo,", "bad device name 'lo' (a device is a lowercase letter, then lowercase letters and digits, at most 15 in all, e.g. eth0 or ens3; not lo)")]
    [InlineData("  interfaces: [{device: ../x, dhcp: true}]", "../x", "bad device name '../x' (a device is a lowercase letter, then lowercase letters and digits, at most 15 in all, e.g. eth0 or ens3; not lo)")]
    [InlineData("  interfaces: [{dhcp: true}]", "{", "an interface needs 'device' (name the kernel's interface, e.g. 'device: eth0')")]
    // Addresses.
    [InlineData("  interfaces: [{device: eth0, address: 192.168.122.11}]", "192", "bad address '192.168.122.11': it has no prefix length (write an IPv4 address with its prefix length, e.g. address: 192.168.122.11/24)")]
    [InlineData("  interfaces: [{device: eth0, address: 192.168.122.11/33}]", "192", "bad address '192.168.122.11/33': the prefix length '33' is not a number from 0 to 32 (write an IPv4 address with its prefix length, e.g. address: 192.168.122.11/24)")]
    [InlineData("  interfaces: [{device: eth0, address: 192.168.122.011/24}]", "192", "bad address '192.168.122.011/24': '192.168.122.011' is not an IPv4 address (write an IPv4 address with its prefix length, e.g. address: 192.168.122.11/24)")]
    [InlineData("  interfaces: [{device: eth0, address: 192.168.256.1/24}]", "192", "bad address '192.168.256.1/24': '192.168.256.1' is not an IPv4 address (write an IPv4 address with its prefix length, e.g. address: 192.168.122.11/24)")]
    [InlineData("  interfaces: [{device: eth0, address: \"10.0.0.1/24 \"}]", "\"10", "bad address '10.0.0.1/24 ': the prefix length '24 ' is not a number from 0 to 32 (write an IPv4 address with its prefix length, e.g. address: 192.168.122.11/24)")]
    [InlineData("  interfaces: [{device: eth0}]", "{", "interface eth0 needs 'address' or 'dhcp: true' (give a static address, e.g. address: 192.168.122.11/24, or write dhcp: true)")]
    [InlineData("  interfaces: [{device: eth0, dhcp: false}]", "{", "interface eth0 needs 'address' or 'dhcp: true' (give a static address, e.g. address: 192.168.122.11/24, or write dhcp: true)")]
    [InlineData("  interfaces: [{device: eth0, dhcp: true, address: 10.0.0.1/8}]", "10.", "an interface has a static address or dhcp: true, not both (remove one of them)")]
    [InlineData("  interfaces: [{device: eth0, dhcp: yes}]", "yes", "bad dhcp value 'yes' (write dhcp: true, or give a static address instead)")]
    // Gateways.
    [InlineData("  interfaces: [{device: eth0, address: 10.0.0.2/8, gateway: 10.0.0.1/8}]", "10.0.0.1/8", "bad gateway '10.0.0.1/8' (write an IPv4 address, e.g. gateway: 192.168.122.1)")]
    [InlineData("  interfaces: [{device: eth0, dhcp: true, gateway: 10.0.0.1}]", "10.0.0.1", "an interface with dhcp: true gets its gateway from DHCP (remove 'gateway', or give a static address)")]
    // Nameservers and search domains.
    [InlineData("  dns: [1.1.1.1, 8.8.8.8, 9.9.9.9, 8.8.4.4]", "8.8.4.4", "more than 3 nameservers: the resolver reads the first 3 and ignores the rest (keep at most 3)")]
    [InlineData("  dns: [1.1.1.1, 1.1.1.1]", "1.1.1.1", "nameserver 1.1.1.1 is listed twice (the first is at PERS_HOST:personality.yaml:4:9; keep one)")]
    [InlineData("  dns: [dns.example]", "dns.example", "bad nameserver 'dns.example' (write an IPv4 address, e.g. dns: [192.168.122.1])")]
    [InlineData("  dns: [\"1.1.1.1\\n\"]", "\"1", "bad nameserver '1.1.1.1\n' (write an IPv4 address, e.g. dns: [192.168.122.1])")]
    [InlineData("  search: [\"a b\"]", "\"a", "bad search domain 'a b' (write a domain name: dot-separated labels of letters, digits and '-', e.g. search: [rack.example])")]
    [InlineData("  search: [a, b, c, d, e, f, g]", "g", "too many search domains: the resolver takes at most 6, 256 characters in all (keep fewer search domains)")]
    [InlineData("  search: [rack.example, RACK.example]", "RACK", "search domain 'RACK.example' is listed twice (the first is at PERS_HOST:personality.yaml:4:12; keep one)")]
    // Keys.
    [InlineData("  interfaces: [{device: eth0, adress: 10.0.0.1/8}]", "adress", "unknown key 'adress' (did you mean 'address'?)")]
    public void EachBadValueIsAnErrorAtItsLineAndColumn(string network, string at, string expected)
    {
        // The error is on line 4, where the last occurrence of `at` starts.
        var errors = ManifestReaderTests.Errors(Head + network + "\n", "PERS_HOST");
        Assert.Equal($"{Host}:4:{network.LastIndexOf(at, StringComparison.Ordinal) + 1}: {expected}", Assert.Single(errors));
    }

    [Fact]
    public void ADeviceListedTwiceNamesTheFirst()
    {
        var errors = ManifestReaderTests.Errors(Head + "  interfaces:\n    - {device: eth0, dhcp: true}\n    - {device: eth0, dhcp: true}\n", "PERS_HOST");
        Assert.Equal($"{Host}:6:16: device 'eth0' is listed twice (the first is at {Host}:5:16; give each interface once)", Assert.Single(errors));
    }

    [Fact]
    public void ASecondGatewayIsAnErrorNamingTheFirst()
    {
        var errors = ManifestReaderTests.Errors(Head + """
              interfaces:
                - {device: eth0, address: 10.0.0.2/8, gateway: 10.0.0.1}
                - {device: eth1, address: 192.0.2.2/24, gateway: 192.0.2.1}

            """, "PERS_HOST");
        Assert.Equal($"{Host}:6:54: a second gateway: the default route is one, and eth0 has it ({Host}:5:7) (keep the gateway on one interface)", Assert.Single(errors));
    }

    [Fact]
    public void AGatewayOutsideTheInterfacesNetworkIsAWarning()
    {
        var d = new Diagnostics();
        var m = ManifestReader.Parse("PERS_HOST", Head + "  interfaces: [{device: eth0, address: 10.0.0.2/24, gateway: 10.0.1.1}]\n", d);
        Assert.NotNull(m);
        var warning = Assert.Single(d.All);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal($"{Host}:4:62: gateway 10.0.1.1 is not in eth0's network 10.0.0.2/24: the default route cannot be added " +
                     "(give the gateway of the interface's own network, or the right prefix length)", warning.ToString());
    }

    [Fact]
    public void NetworkInAnAppManifestIsAnErrorAtItsKey()
    {
        var errors = ManifestReaderTests.Errors("version: 1\nrole: app\npersonality: web\nnetwork:\n  dns: [192.0.2.1]\n");
        Assert.Equal("PERS_APP:personality.yaml:4:1: 'network' belongs in the host manifest, not an app one " +
                     "(the host configuration volume sets it; remove it here)", Assert.Single(errors));
    }

    [Fact]
    public void AFileTheNetworkWritesCannotAlsoBeAFilesItem()
    {
        var errors = ManifestReaderTests.Errors("""
            version: 1
            role: host
            files:
              - {path: /etc/resolv.conf, source: files/resolv.conf}
            network:
              dns: [192.0.2.1]
            """, "PERS_HOST");
        Assert.Equal($"{Host}:6:8: /etc/resolv.conf is already used by the file path at {Host}:4:12 (give each target path once)", Assert.Single(errors));
    }

    [Fact]
    public void SearchDomainsWithoutNameserversStillMakeResolvConfAtTheSearchKey()
    {
        var m = ManifestReaderTests.ParseOk(Head + "  search: [rack.example]\n", "PERS_HOST");
        Assert.Equal(At(4, 3), m.Network.ResolverOrigin);
        Assert.Empty(m.Network.Dns);
    }
}
