using Personality.Record;
using Moq;
using Personality.Status;

namespace Personality.Tests.Status;

public class DriftCheckTests
{
    [Fact]
    public void WhatBootLeftIsStillThereMeansNoDrift()
    {
        using var system = FakeSystem.Booted();
        Assert.Empty(DriftChecks.Run(FakeSystem.BootedRecord().Parse(), system.Context()));
    }

    [Fact]
    public void AnUnmountedBindIsDriftNamingTargetSourceAndOrigin()
    {
        using var system = new FakeSystem().Device("loop3", "7:3").Mount(FakeSystem.Scratch, "/dev/loop3", "7:3");
        var drift = Assert.Single(DriftChecks.Run(FakeSystem.BootedRecord().Parse(), system.Context()));
        Assert.Equal(new Drift("bind", "/var/log", $"bound from {FakeSystem.Scratch}/var/log", "not mounted", "/etc/rwtab:1:6"), drift);
    }

    [Fact]
    public void ABindReplacedByAnotherFilesystemSaysWhatIsThereNow()
    {
        using var system = new FakeSystem().Device("loop3", "7:3").Mount(FakeSystem.Scratch, "/dev/loop3", "7:3")
            .Mount("/var/log", "none", "0:55", fsType: "tmpfs");
        var drift = Assert.Single(DriftChecks.Run(FakeSystem.BootedRecord().Parse(), system.Context()));
        Assert.Equal("bind", drift.Kind);
        Assert.Equal("mounted from none (tmpfs, /)", drift.Actual);
    }

    [Fact]
    public void AnUnmountedAreaIsMountDriftAndItsBindsToo()
    {
        using var system = new FakeSystem().Device("loop3", "7:3");
        var drift = DriftChecks.Run(FakeSystem.BootedRecord().Parse(), system.Context());
        Assert.Equal(["mount " + FakeSystem.Scratch, "bind /var/log"], drift.Select(d => $"{d.Kind} {d.Target}"));
        Assert.Equal("not mounted", drift[0].Actual);
        Assert.Equal("/etc/sysconfig/readonly-root:3 (RW_LABEL=scratchy)", drift[0].Origin);
    }

    [Fact]
    public void ADetachedVolumeIsVolumeDrift()
    {
        using var system = new FakeSystem().Device("loop3", "7:3", sectors: 0)
            .Mount(FakeSystem.Scratch, "/dev/loop3", "7:3").Mount("/var/log", "/dev/loop3", "7:3", "/var/log");
        var drift = Assert.Single(DriftChecks.Run(FakeSystem.BootedRecord().Parse(), system.Context()));
        Assert.Equal(new Drift("volume", "scratchy (scratch)", "/dev/loop3 attached", "/dev/loop3 is gone",
            "/etc/sysconfig/readonly-root:3 (RW_LABEL=scratchy)"), drift);
    }

    [Fact]
    public void AVolumeWhoseMountPointShowsAnotherDeviceIsVolumeDrift()
    {
        using var system = new FakeSystem().Device("loop3", "7:3").Device("loop4", "7:4")
            .Mount(FakeSystem.Scratch, "/dev/loop4", "7:4").Mount("/var/log", "/dev/loop4", "7:4", "/var/log");
        // /var/log still shows the scratch path's tree (now loop4's): only the volume has changed.
        var volume = Assert.Single(DriftChecks.Run(FakeSystem.BootedRecord().Parse(), system.Context()));
        Assert.Equal("volume", volume.Kind);
        Assert.Equal($"{FakeSystem.Scratch} shows /dev/loop4 (ext4)", volume.Actual);
    }

    [Fact]
    public void AVolumeIsRecognisedByMajorMinorWhenTheSourceNameDiffers()
    {
        using var system = new FakeSystem().Device("dm-0", "253:0").Mount("/state", "/dev/mapper/vg-state", "253:0");
        var record = new RecordText().Volume("state", "st", "/dev/dm-0", "/state").Step("state", "mount", "/state").Parse();
        Assert.Empty(DriftChecks.Run(record, system.Context()));
    }

    [Fact]
    public void StepsThatDidNotSucceedAndFallbacksAreNotChecked()
    {
        using var system = new FakeSystem();
        var record = new RecordText()
            .Volume("scratch", "scratchy", "/dev/loop3", FakeSystem.Scratch)
            .Step("scratch", "mount", FakeSystem.Scratch, detail: "fell back to tmpfs: cannot mount /dev/loop3", fellBackTo: "tmpfs")
            .Step("rwtab", "bind", "/var/log", result: "failed", source: FakeSystem.Scratch + "/var/log")
            .Step("rwtab", "bind", "/var/tmp", result: "skipped", source: FakeSystem.Scratch + "/var/tmp")
            .Parse();
        var drift = Assert.Single(DriftChecks.Run(record, system.Context()));
        Assert.Equal("mount", drift.Kind); // the tmpfs itself is gone; the unused device is not reported
    }

    [Fact]
    public void AnotherKindOfCheckPlugsInAndItsFailureToLookIsReported()
    {
        using var system = FakeSystem.Booted();
        var service = new Mock<IDriftCheck>();
        service.Setup(c => c.Kind).Returns("service");
        service.Setup(c => c.Check(It.IsAny<StatusRecord>(), It.IsAny<DriftContext>()))
            .Returns([new Drift("service", "httpd", "on at levels 345", "off at level 3")]);
        var broken = new Mock<IDriftCheck>();
        broken.Setup(c => c.Kind).Returns("other");
        broken.Setup(c => c.Check(It.IsAny<StatusRecord>(), It.IsAny<DriftContext>())).Throws(new IOException("no /proc"));

        var drift = DriftChecks.Run(FakeSystem.BootedRecord().Parse(), system.Context(), [.. DriftChecks.Default, service.Object, broken.Object]);
        Assert.Equal(["service httpd", "other *"], drift.Select(d => $"{d.Kind} {d.Target}"));
        Assert.Equal("cannot check: no /proc", drift[1].Actual);
    }

    [Fact]
    public void DeviceNodeCountsWhenSysfsHasNoEntry()
    {
        using var dir = new TempDir();
        var node = dir.Write("dev/sdz", "");
        var presence = new BlockDevicePresence(dir.Dir("sys/class/block"));
        Assert.True(presence.Find(node).Present);
        Assert.False(presence.Find(dir.Path + "/dev/sdy").Present);
    }
}
