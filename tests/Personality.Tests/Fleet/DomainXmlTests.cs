using System.Diagnostics;
using System.Xml.Linq;
using Personality.Fleet;

namespace Personality.Tests.Fleet;

public sealed class DomainXmlTests : IDisposable
{
    private readonly FleetFolder _f = new();

    public void Dispose() => _f.Dispose();

    private const string Fleet = """
        version: 1
        name: rack
        images: {os: images/base.img, app: images/app.img}
        boot: {kernel: images/vmlinux, initrd: images/initrd, cmdline: "console=ttyS0 root=/dev/vda ro a<b&c"}
        personalities: {web: personalities/web}
        guests: [{name: web01, personality: web, memory: 96M, vcpus: 2}]
        """;

    private (Personality.Fleet.Fleet Fleet, FleetGuest Guest, GuestLayout Layout) Guest(string yaml = Fleet)
    {
        _f.Write("images/app.img", "");
        _f.Write("images/initrd", "");
        var fleet = _f.Ok(yaml);
        return (fleet, fleet.Guests[0], GuestLayout.For(Path.Combine(_f.Path, "build"), fleet.Guests[0].Name));
    }

    [Fact]
    public void The_domain_has_the_guests_name_memory_vcpus_disks_and_console()
    {
        var (fleet, guest, layout) = Guest();
        var domain = XElement.Parse(DomainXml.For(fleet, guest, layout));
        Assert.Equal("qemu", domain.Attribute("type")!.Value);
        Assert.Equal("rack-web01", domain.Element("name")!.Value);
        Assert.Equal("98304", domain.Element("memory")!.Value);
        Assert.Equal("2", domain.Element("vcpu")!.Value);
        var os = domain.Element("os")!;
        Assert.Equal(fleet.Boot!.Kernel, os.Element("kernel")!.Value);
        Assert.Equal(fleet.Boot.Initrd, os.Element("initrd")!.Value);
        Assert.Equal("console=ttyS0 root=/dev/vda ro a<b&c", os.Element("cmdline")!.Value);
        var disks = domain.Element("devices")!.Elements("disk").Select(d => (
            File: d.Element("source")!.Attribute("file")!.Value,
            Dev: d.Element("target")!.Attribute("dev")!.Value,
            ReadOnly: d.Element("readonly") is not null,
            Serial: d.Element("serial")!.Value)).ToList();
        Assert.Equal([
            (fleet.Images.Os, "vda", true, "os"),
            (fleet.Images.App!, "vdb", true, "appimage"),
            (layout.HostImage, "vdc", false, "pers-host"),
            (layout.AppImage, "vdd", false, "pers-app"),
            (layout.StateImage, "vde", false, "state"),
        ], disks);
        var devices = domain.Element("devices")!;
        Assert.Equal(layout.Console, devices.Element("serial")!.Element("source")!.Attribute("path")!.Value);
        Assert.Equal("file", devices.Element("console")!.Attribute("type")!.Value);
        Assert.Null(devices.Element("graphics")); // libvirt refuses <graphics type='none'/>: none is no element
    }

    [Fact]
    public void The_uuid_is_derived_from_the_domain_name_so_a_rebuild_writes_the_same_one()
    {
        var (fleet, guest, layout) = Guest();
        var uuid = XElement.Parse(DomainXml.For(fleet, guest, layout)).Element("uuid")!.Value;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid);
        Assert.Equal(StableUuid.Of("rack-web01"), uuid);
        Assert.Equal(DomainXml.For(fleet, guest, layout), DomainXml.For(fleet, guest, layout));
        var other = XElement.Parse(DomainXml.For(fleet, guest with { DomainName = "rack-web02" }, layout)).Element("uuid")!.Value;
        Assert.NotEqual(uuid, other);
    }

    [Fact]
    public void The_domain_has_acpi_and_apic()
    {
        var (fleet, guest, layout) = Guest();
        var features = XElement.Parse(DomainXml.For(fleet, guest, layout)).Element("features")!;
        Assert.NotNull(features.Element("acpi"));
        Assert.NotNull(features.Element("apic"));
    }

    [Fact]
    public void Only_the_shared_read_only_disks_are_not_relabelled()
    {
        var (fleet, guest, layout) = Guest();
        var labels = XElement.Parse(DomainXml.For(fleet, guest, layout)).Element("devices")!.Elements("disk")
            .Select(d => (Serial: d.Element("serial")!.Value, Label: d.Element("source")!.Element("seclabel"))).ToList();
        Assert.Equal(["os", "appimage"], labels.Where(l => l.Label is not null).Select(l => l.Serial));
        foreach (var (_, label) in labels.Where(l => l.Label is not null))
        {
            Assert.Equal("dac", label!.Attribute("model")!.Value);
            Assert.Equal("no", label.Attribute("relabel")!.Value);
        }
        Assert.Equal(["pers-host", "pers-app", "state"], labels.Where(l => l.Label is null).Select(l => l.Serial));
    }

    [Theory]
    [InlineData("qemu:///session", true)]
    [InlineData("qemu+unix:///session?socket=/run/user/1000/libvirt/libvirt-sock", true)]
    [InlineData("qemu+ssh://root@host2/session", true)]
    [InlineData("qemu:///system", false)]
    [InlineData("qemu+ssh://root@host2/system", false)]
    [InlineData("qemu+unix:///system?socket=/x/session", false)]
    public void A_session_connection_is_told_by_the_path_of_its_uri(string uri, bool session) =>
        Assert.Equal(session, DomainXml.IsSession(uri));

    [Fact]
    public void Without_boot_the_image_boots_itself()
    {
        var (fleet, guest, layout) = Guest("""
            version: 1
            images: {os: images/base.img}
            personalities: {web: personalities/web}
            guests: [{name: web01, personality: web}]
            """);
        var os = XElement.Parse(DomainXml.For(fleet, guest, layout)).Element("os")!;
        Assert.Null(os.Element("kernel"));
        Assert.Equal("hd", os.Element("boot")!.Attribute("dev")!.Value);
    }

    [RequiresToolFact("virt-xml-validate", "libvirt-clients libxml2-utils")]
    public void Libvirts_own_schema_accepts_the_domain()
    {
        foreach (var yaml in new[] { Fleet, Fleet.Replace("boot: {kernel: images/vmlinux, initrd: images/initrd, cmdline: \"console=ttyS0 root=/dev/vda ro a<b&c\"}\n", "") })
        {
            var (fleet, guest, layout) = Guest(yaml);
            var file = _f.Write("domain.xml", DomainXml.For(fleet, guest, layout));
            var psi = new ProcessStartInfo(RequiresToolFactAttribute.Find("virt-xml-validate")!) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(file);
            psi.ArgumentList.Add("domain");
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, output + "\n" + File.ReadAllText(file));
        }
    }
}
