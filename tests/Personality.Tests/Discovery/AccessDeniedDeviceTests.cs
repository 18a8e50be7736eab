using System.Diagnostics;
using Moq;
using Personality.Discovery;

namespace Personality.Tests.Discovery;

/// <summary>A device the kernel forbids us to open (EPERM) is not a warning, but is named when a label is missing.</summary>
public class AccessDeniedDeviceTests
{
    [Fact]
    public void DeniedDeviceIsQuietUntilALabelIsMissing()
    {
        var denied = new BlockDevice("vda", "/dev/vda", "254:0", 1 << 30);
        var devices = new Mock<IBlockDeviceSource>();
        devices.Setup(d => d.Enumerate()).Returns([denied]);
        var reader = new Mock<ISuperblockReader>();
        reader.Setup(r => r.Probe("/dev/vda")).Returns(
            new ProbeResult(null, "", "", "cannot read superblock of /dev/vda: operation not permitted") { AccessDenied = true });
        var discovery = new VolumeDiscovery(devices.Object, reader.Object,
            new DiscoveryOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10), new Dictionary<string, string>()),
            Stopwatch.StartNew());

        Assert.Empty(discovery.Scan());
        Assert.Empty(discovery.Diagnostics);
        var missing = discovery.FindLabel("st", required: true);
        Assert.Null(missing.Volume);
        Assert.Contains("/dev/vda", missing.Problem!.Message);
    }
}
