using Personality.Core;
using Personality.Items.Network;

namespace Personality.Tests.Items.Network;

/// <summary>What <c>network:</c> writes: the ifcfg files and resolv.conf, byte for byte.</summary>
public class NetworkFilesTests
{
    private const string Header = "# Written by personality(8) at boot from the host volume's network item; changes here do not last.\n";
    private static readonly Origin Somewhere = new("PERS_HOST:personality.yaml", 5, 7);

    private static Ipv4 Ip(string text) => Ipv4.TryParse(text, out var a) ? a : throw new ArgumentException(text);

    private static readonly InterfaceEntry Static = new("eth0", new Ipv4Prefix(Ip("192.168.122.11"), 24), Ip("192.168.122.1"), Somewhere);
    private static readonly InterfaceEntry Dhcp = new("eth1", null, null, Somewhere);

    [Fact]
    public void AStaticInterfaceHasItsAddressPrefixNetmaskAndGateway() =>
        Assert.Equal(Header + """
            DEVICE=eth0
            ONBOOT=yes
            NM_CONTROLLED=no
            BOOTPROTO=static
            IPADDR=192.168.122.11
            PREFIX=24
            NETMASK=255.255.255.0
            GATEWAY=192.168.122.1

            """, NetworkFiles.Ifcfg(Static, keepResolver: true));

    [Fact]
    public void ADhcpInterfaceKeepsTheGivenNameserversOnlyWhenThereAreSome()
    {
        const string common = "DEVICE=eth1\nONBOOT=yes\nNM_CONTROLLED=no\nBOOTPROTO=dhcp\n";
        Assert.Equal(Header + common + "PEERDNS=no\n", NetworkFiles.Ifcfg(Dhcp, keepResolver: true));
        Assert.Equal(Header + common, NetworkFiles.Ifcfg(Dhcp, keepResolver: false));
    }

    [Theory]
    [InlineData(0, "0.0.0.0")]
    [InlineData(8, "255.0.0.0")]
    [InlineData(20, "255.255.240.0")]
    [InlineData(31, "255.255.255.254")]
    [InlineData(32, "255.255.255.255")]
    public void NetmasksFollowThePrefix(int prefix, string netmask) => Assert.Equal(netmask, Ipv4.Netmask(prefix).ToString());

    [Fact]
    public void TheFilesAreAnIfcfgPerInterfaceThenResolvConf()
    {
        var network = new NetworkSettings([Static, Dhcp], [Ip("192.168.122.1"), Ip("1.1.1.1")], ["rack.example", "example.org"], new Origin("PERS_HOST:personality.yaml", 8, 3));
        var files = NetworkFiles.Of(network);
        Assert.Equal(["/etc/sysconfig/network-scripts/ifcfg-eth0", "/etc/sysconfig/network-scripts/ifcfg-eth1", "/etc/resolv.conf"], files.Select(f => f.Path));
        Assert.All(files, f => Assert.Equal(0b110_100_100, f.Mode));
        Assert.Equal(["eth0 static 192.168.122.11/24 via 192.168.122.1", "eth1 dhcp", "nameserver 192.168.122.1 nameserver 1.1.1.1 search rack.example search example.org"],
            files.Select(f => f.Summary));
        Assert.Equal(Header + "search rack.example example.org\nnameserver 192.168.122.1\nnameserver 1.1.1.1\n", files[2].Content);
        Assert.Equal(new Origin("PERS_HOST:personality.yaml", 8, 3), files[2].Origin);
        Assert.Contains("PEERDNS=no\n", files[1].Content);
    }

    [Fact]
    public void NoResolverNoResolvConf() =>
        Assert.Equal(["/etc/sysconfig/network-scripts/ifcfg-eth1"], NetworkFiles.Of(new NetworkSettings([Dhcp], [], [], null)).Select(f => f.Path));
}
