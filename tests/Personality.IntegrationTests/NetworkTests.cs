using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// The host volume's <c>network</c> on the published binary: written as the guest's own ifcfg and
/// resolv.conf, unchanged by a second boot, and, as any file a role placed where it persists (here a
/// writable root), taken back when a later host volume has no network: the image's resolv.conf
/// returns and the ifcfg file the image did not have goes.
/// </summary>
[Collection("root")]
public sealed class NetworkTests
{
    private const string Ifcfg0 = "/etc/sysconfig/network-scripts/ifcfg-eth0";
    private const string Ifcfg1 = "/etc/sysconfig/network-scripts/ifcfg-eth1";
    private const string Header = "# Written by personality(8) at boot from the host volume's network item; changes here do not last.\n";
    private const string ImageResolv = "nameserver 192.0.2.53\n";

    /// <summary>The network files as a boot left them: each file's content, "-" for none.</summary>
    private static Dictionary<string, string> Files(GuestTree tree) =>
        new[] { Ifcfg0, Ifcfg1, "/etc/resolv.conf", "/etc/sysconfig/network-scripts/ifcfg-lo" }
            .ToDictionary(p => p, p => File.Exists(tree.HostPath(p)) ? File.ReadAllText(tree.HostPath(p)) : "-");

    [Fact]
    public void TheNetworkIsWrittenThenUnchangedThenTakenBackByAHostVolumeWithout()
    {
        var hostLabel = ConfigLabels.Host();
        using var tree = GuestTree.Create("net");
        PersonalityGuest.Prepare(tree, hostLabel, ConfigLabels.App());
        tree.AddDir("/etc/sysconfig/network-scripts").AddFile("/etc/sysconfig/network-scripts/ifcfg-lo", "DEVICE=lo\n");
        tree.AddFile("/etc/resolv.conf", ImageResolv);

        Observations obs;
        ConfigVolume host;
        using (host = new ConfigVolume(hostLabel).Manifest("""
                   version: 1
                   role: host
                   hostname: web01
                   network:
                     interfaces:
                       - {device: eth0, address: 192.168.122.11/24, gateway: 192.168.122.1}
                       - {device: eth1, dhcp: true}
                     dns: [192.168.122.1]
                     search: [rack.example]

                   """).Attach())
            obs = PersonalityGuest.RunWithUts(tree, "boot 1 ''\nboot 2 ''");

        var first = obs.Boot(1);
        Expect.Booted(first, tree);
        Expect.Result("applied", first);
        Expect.Step(first, Ifcfg0, "file-copy", "applied", host.OriginFile, host.Line("device: eth0"));
        Expect.Step(first, Ifcfg1, "file-copy", "applied", host.OriginFile, host.Line("device: eth1"));
        Expect.Step(first, "/etc/resolv.conf", "file-copy", "applied", host.OriginFile, host.Line("dns:"));
        var written = Files(tree);
        Assert.Equal(Header + "DEVICE=eth0\nONBOOT=yes\nNM_CONTROLLED=no\nBOOTPROTO=static\nIPADDR=192.168.122.11\nPREFIX=24\nNETMASK=255.255.255.0\nGATEWAY=192.168.122.1\n",
            written[Ifcfg0]);
        Assert.Equal(Header + "DEVICE=eth1\nONBOOT=yes\nNM_CONTROLLED=no\nBOOTPROTO=dhcp\nPEERDNS=no\n", written[Ifcfg1]);
        Assert.Equal(Header + "search rack.example\nnameserver 192.168.122.1\n", written["/etc/resolv.conf"]);
        Assert.Equal("DEVICE=lo\n", written["/etc/sysconfig/network-scripts/ifcfg-lo"]);
        Assert.Equal("644 0:0", Shell.Check("stat", "-c", "%a %u:%g", tree.HostPath(Ifcfg0)).Stdout.Trim());

        var second = obs.Boot(2);
        Expect.Booted(second, tree);
        foreach (var path in new[] { Ifcfg0, Ifcfg1, "/etc/resolv.conf" })
            Expect.Step(second, path, "file-copy", "unchanged");

        // A later host volume without network: the image's files come back.
        using (new ConfigVolume(hostLabel).Manifest("version: 1\nrole: host\nhostname: web01\n").Attach())
            obs = PersonalityGuest.RunWithUts(tree, "boot 1 ''");
        var third = obs.Boot(1);
        Expect.Booted(third, tree);
        Expect.Result("applied", third);
        foreach (var path in new[] { Ifcfg0, Ifcfg1, "/etc/resolv.conf" })
            Expect.Step(third, path, "file-restore", "applied");
        Assert.Equal(new Dictionary<string, string>
        {
            [Ifcfg0] = "-", [Ifcfg1] = "-", ["/etc/resolv.conf"] = ImageResolv, ["/etc/sysconfig/network-scripts/ifcfg-lo"] = "DEVICE=lo\n",
        }, Files(tree));
    }

    [Fact]
    public void DryRunShowsTheGeneratedFilesWithTheirOrigins()
    {
        var hostLabel = ConfigLabels.Host();
        using var tree = GuestTree.Create("net-plan");
        PersonalityGuest.Prepare(tree, hostLabel, ConfigLabels.App());
        tree.AddDir("/etc/sysconfig/network-scripts");
        using var volume = new TempDir("net-plan-host");
        File.WriteAllText(Path.Combine(volume.Path, "personality.yaml"),
            "version: 1\nrole: host\nnetwork:\n  interfaces: [{device: ens3, address: 10.1.2.3/16}]\n");

        var r = Shell.Run(RepoPaths.Binary, ["dry-run", "--root", tree.Root, "--volume", $"{hostLabel}={volume.Path}"]);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"(?m)^  files +file-copy generated \(\d+ bytes\) -> /etc/sysconfig/network-scripts/ifcfg-ens3 mode 0644 owner 0:0 \(ens3 static 10\.1\.2\.3/16\)  \[" + hostLabel + @":personality\.yaml:4:16\]$", r.Stdout);
        Assert.False(File.Exists(tree.HostPath("/etc/sysconfig/network-scripts/ifcfg-ens3")), "dry-run wrote the file");
    }

    [Fact]
    public void OnAReadOnlyRootTheRwtabFilesTakeTheNetwork()
    {
        // Red Hat's setup: /etc read-only, resolv.conf a file of its own in rwtab (bound over a read-only
        // directory: written in place) and network-scripts a directory in rwtab (written as usual).
        var hostLabel = ConfigLabels.Host();
        using var tree = GuestTree.Create("net-ro");
        PersonalityGuest.Prepare(tree, hostLabel, ConfigLabels.App());
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteRwtab("files /etc/resolv.conf\nfiles /etc/sysconfig/network-scripts\n");
        tree.AddDir("/etc/sysconfig/network-scripts");
        tree.AddFile("/etc/resolv.conf", ImageResolv);
        using var host = new ConfigVolume(hostLabel).Manifest("""
            version: 1
            role: host
            hostname: web01
            network:
              interfaces: [{device: eth0, address: 192.168.122.11/24, gateway: 192.168.122.1}]
              dns: [192.168.122.1]

            """).Attach();

        var obs = PersonalityGuest.RunWithUts(tree, """
            mount --bind "$ROOT/etc" "$ROOT/etc" && mount -o remount,bind,ro "$ROOT/etc"
            boot 1 ''
            note resolv "$(cat "$ROOT/etc/resolv.conf")"
            note ifcfg "$(cat "$ROOT/etc/sysconfig/network-scripts/ifcfg-eth0")"
            """);
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.Step(boot, "/etc/resolv.conf", "file-copy", "applied", host.OriginFile, host.Line("dns:"));
        Expect.Step(boot, Ifcfg0, "file-copy", "applied", host.OriginFile, host.Line("device: eth0"));
        Assert.Equal((Header + "nameserver 192.168.122.1").TrimEnd(), obs.Note("resolv"));
        Assert.Contains("IPADDR=192.168.122.11", obs.Note("ifcfg"));
        // The image's own file is untouched under the bind.
        Assert.Equal(ImageResolv, File.ReadAllText(tree.HostPath("/etc/resolv.conf")));
    }
}
