using System.Diagnostics;
using Moq;
using Personality.Core;
using Personality.Discovery;
using Xunit;

namespace Personality.Tests.Discovery;

/// <summary>Discovery policy (waiting, duplicates, pins, caching) over mocked devices and superblocks.</summary>
public sealed class VolumeDiscoveryTests
{
    private static readonly BlockDevice Vdb = new("vdb", "/dev/vdb", "254:16", 1 << 30);
    private static readonly BlockDevice Vdc = new("vdc", "/dev/vdc", "254:32", 1 << 30);
    private static readonly BlockDevice Vdd = new("vdd", "/dev/vdd", "254:48", 1 << 30);

    private const string UuidB = "11111111-1111-4111-8111-111111111111";
    private const string UuidC = "22222222-2222-4222-8222-222222222222";

    private readonly Mock<IBlockDeviceSource> _devices = new(MockBehavior.Strict);
    private readonly Mock<ISuperblockReader> _reader = new(MockBehavior.Strict);
    private readonly Stopwatch _sinceBoot = Stopwatch.StartNew();

    private VolumeDiscovery Discovery(TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? pins = null) =>
        new(_devices.Object, _reader.Object,
            new DiscoveryOptions(timeout ?? TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20), pins ?? new Dictionary<string, string>()),
            _sinceBoot);

    private void Devices(params BlockDevice[] devices) => _devices.Setup(d => d.Enumerate()).Returns(devices);

    private void Superblock(BlockDevice device, string fsType, string label, string uuid) =>
        _reader.Setup(r => r.Probe(device.DevicePath)).Returns(new ProbeResult(fsType, label, uuid, null));

    [Fact]
    public void Finds_a_present_label()
    {
        Devices(Vdb, Vdc);
        Superblock(Vdb, "ext4", "data", UuidB);
        Superblock(Vdc, "xfs", "logs", UuidC);

        var result = Discovery().FindLabel("logs", required: true);

        Assert.Null(result.Problem);
        Assert.Equal(new Volume("/dev/vdc", "logs", UuidC, "xfs", result.Volume!.AppearedMs), result.Volume);
    }

    [Fact]
    public void Labels_match_case_sensitively()
    {
        Devices(Vdb);
        Superblock(Vdb, "ext4", "Data", UuidB);

        var result = Discovery(TimeSpan.Zero).FindLabel("data", required: false);

        Assert.Equal(new LabelResult(null, null), result);
    }

    [Fact]
    public void Three_present_labels_cost_one_sysfs_scan()
    {
        Devices(Vdb, Vdc, Vdd);
        Superblock(Vdb, "ext4", "a", UuidB);
        Superblock(Vdc, "ext4", "b", UuidC);
        Superblock(Vdd, "vfat", "c", "ABCD-0123");
        var discovery = Discovery();

        Assert.NotNull(discovery.FindLabel("a", true).Volume);
        Assert.NotNull(discovery.FindLabel("b", true).Volume);
        Assert.NotNull(discovery.FindUuid("abcd-0123", true).Volume);

        _devices.Verify(d => d.Enumerate(), Times.Once);
        _reader.Verify(r => r.Probe(It.IsAny<string>()), Times.Exactly(3));
    }

    [Fact]
    public void Absent_optional_label_is_no_problem_and_does_not_wait()
    {
        Devices(Vdb);
        Superblock(Vdb, "ext4", "data", UuidB);
        var clock = Stopwatch.StartNew();

        var result = Discovery(TimeSpan.FromSeconds(30)).FindLabel("scratch", required: false);

        Assert.Equal(new LabelResult(null, null), result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
        _devices.Verify(d => d.Enumerate(), Times.Once);
    }

    [Fact]
    public void Late_device_is_found_by_rescanning_and_its_arrival_time_recorded()
    {
        var calls = 0;
        _devices.Setup(d => d.Enumerate()).Returns(() => ++calls >= 3 ? [Vdb] : []);
        Superblock(Vdb, "ext4", "late", UuidB);
        Thread.Sleep(5); // so "milliseconds since boot" cannot be 0

        var result = Discovery(TimeSpan.FromSeconds(5)).FindLabel("late", required: true);

        Assert.Null(result.Problem);
        Assert.Equal("/dev/vdb", result.Volume!.Device);
        Assert.True(result.Volume.AppearedMs > 0);
        Assert.True(result.Volume.AppearedMs <= _sinceBoot.ElapsedMilliseconds);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void Label_that_never_appears_fails_after_the_timeout_and_no_later()
    {
        Devices(Vdb);
        Superblock(Vdb, "ext4", "other", UuidB);
        var timeout = TimeSpan.FromMilliseconds(600);
        var clock = Stopwatch.StartNew();

        var result = Discovery(timeout).FindLabel("missing", required: true);

        clock.Stop();
        Assert.Null(result.Volume);
        Assert.Equal(Severity.Error, result.Problem!.Severity);
        Assert.Equal("label missing did not appear within 0.6 s", result.Problem.Message);
        Assert.Contains("DEVICE_TIMEOUT", result.Problem.Hint);
        Assert.Contains("/etc/sysconfig/personality", result.Problem.Hint);
        Assert.InRange(clock.Elapsed, timeout, timeout + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Duplicate_labels_are_refused_naming_every_device_and_uuid()
    {
        Devices(Vdb, Vdc);
        Superblock(Vdb, "ext4", "data", UuidB);
        Superblock(Vdc, "ext4", "data", UuidC);

        var result = Discovery().FindLabel("data", required: true);

        Assert.Null(result.Volume);
        Assert.Equal(Severity.Error, result.Problem!.Severity);
        Assert.Contains("label data is on 2 devices", result.Problem.Message);
        Assert.Contains($"/dev/vdb (ext4, UUID {UuidB})", result.Problem.Message);
        Assert.Contains($"/dev/vdc (ext4, UUID {UuidC})", result.Problem.Message);
        Assert.Equal("pin one with VOLUME_UUIDS=\"data=UUID\" in /etc/sysconfig/personality, or relabel the other", result.Problem.Hint);
    }

    [Fact]
    public void Duplicates_do_not_wait_for_the_timeout()
    {
        Devices(Vdb, Vdc);
        Superblock(Vdb, "ext4", "data", UuidB);
        Superblock(Vdc, "ext4", "data", UuidC);
        var clock = Stopwatch.StartNew();

        Discovery(TimeSpan.FromSeconds(30)).FindLabel("data", required: true);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_pin_picks_one_of_the_duplicates_ignoring_uuid_case()
    {
        Devices(Vdb, Vdc);
        Superblock(Vdb, "ext4", "data", UuidB);
        Superblock(Vdc, "ext4", "data", UuidC);
        var pins = new Dictionary<string, string> { ["data"] = UuidC.ToUpperInvariant() };

        var result = Discovery(pins: pins).FindLabel("data", required: true);

        Assert.Null(result.Problem);
        Assert.Equal("/dev/vdc", result.Volume!.Device);
    }

    [Fact]
    public void A_pin_that_matches_no_device_with_the_label_is_an_error()
    {
        Devices(Vdb, Vdc);
        Superblock(Vdb, "ext4", "data", UuidB);
        Superblock(Vdc, "ext4", "data", UuidC);
        const string pinned = "33333333-3333-4333-8333-333333333333";
        var pins = new Dictionary<string, string> { ["data"] = pinned };

        var result = Discovery(TimeSpan.FromMilliseconds(200), pins).FindLabel("data", required: true);

        Assert.Null(result.Volume);
        Assert.Equal(Severity.Error, result.Problem!.Severity);
        Assert.Contains($"pinned to UUID {pinned}", result.Problem.Message);
        Assert.Contains(UuidB, result.Problem.Message);
        Assert.Contains(UuidC, result.Problem.Message);
        Assert.Contains("VOLUME_UUIDS", result.Problem.Hint);
    }

    [Fact]
    public void A_pin_for_a_single_device_with_another_uuid_is_an_error_even_when_optional()
    {
        Devices(Vdb);
        Superblock(Vdb, "ext4", "data", UuidB);
        var pins = new Dictionary<string, string> { ["data"] = UuidC };

        var result = Discovery(pins: pins).FindLabel("data", required: false);

        Assert.Null(result.Volume);
        Assert.Contains($"pinned to UUID {UuidC}", result.Problem!.Message);
    }

    [Fact]
    public void Finds_by_uuid_and_refuses_cloned_uuids()
    {
        Devices(Vdb, Vdc, Vdd);
        Superblock(Vdb, "ext4", "one", UuidB);
        Superblock(Vdc, "ext4", "two", UuidB);
        Superblock(Vdd, "vfat", "EFI", "ABCD-0123");
        var discovery = Discovery();

        Assert.Equal("/dev/vdd", discovery.FindUuid("abcd-0123", required: true).Volume!.Device);
        var clone = discovery.FindUuid(UuidB, required: true);
        Assert.Null(clone.Volume);
        Assert.Contains($"UUID {UuidB} is on 2 devices", clone.Problem!.Message);
        Assert.Contains("/dev/vdb (ext4, label one)", clone.Problem.Message);
    }

    [Fact]
    public void Members_of_one_multi_device_btrfs_are_not_duplicates()
    {
        Devices(Vdb, Vdc);
        Superblock(Vdb, "btrfs", "pool", UuidB);
        Superblock(Vdc, "btrfs", "pool", UuidB);

        var result = Discovery().FindLabel("pool", required: true);

        Assert.Null(result.Problem);
        Assert.Equal("/dev/vdb", result.Volume!.Device);
    }

    [Fact]
    public void Corrupt_device_is_not_used_and_warned_about_once()
    {
        Devices(Vdb, Vdc);
        _reader.Setup(r => r.Probe("/dev/vdb"))
            .Returns(new ProbeResult("ext4", "", "", "corrupt ext4 superblock on /dev/vdb: checksum mismatch"));
        Superblock(Vdc, "ext4", "logs", UuidC);
        var discovery = Discovery(TimeSpan.FromMilliseconds(100));

        discovery.Scan();
        discovery.Scan();
        var missing = discovery.FindLabel("data", required: true);

        var warning = Assert.Single(discovery.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("corrupt ext4 superblock on /dev/vdb: checksum mismatch", warning.Message);
        Assert.Contains("fsck", warning.Hint);
        Assert.DoesNotContain(discovery.Scan(), v => v.Device == "/dev/vdb");
        Assert.Contains("/dev/vdb", missing.Problem!.Message); // the missing label may be on it
    }

    [Fact]
    public void Unreadable_device_is_warned_about_and_the_rest_still_found()
    {
        Devices(Vdb, Vdc);
        _reader.Setup(r => r.Probe("/dev/vdb")).Returns(new ProbeResult(null, "", "", "cannot read superblock of /dev/vdb: input/output error"));
        Superblock(Vdc, "xfs", "logs", UuidC);
        var discovery = Discovery();

        var result = discovery.FindLabel("logs", required: true);

        Assert.Equal("/dev/vdc", result.Volume!.Device);
        var warning = Assert.Single(discovery.Diagnostics);
        Assert.Equal("cannot read superblock of /dev/vdb: input/output error", warning.Message);
        Assert.Contains("dmesg", warning.Hint);
    }

    [Fact]
    public void Reader_that_throws_is_treated_as_unreadable()
    {
        Devices(Vdb);
        _reader.Setup(r => r.Probe("/dev/vdb")).Throws(new UnauthorizedAccessException("permission denied"));

        var discovery = Discovery();

        Assert.Empty(discovery.Scan());
        Assert.Equal("cannot read superblock of /dev/vdb: permission denied", Assert.Single(discovery.Diagnostics).Message);
    }

    [Fact]
    public void Device_that_reads_fine_later_drops_its_warning()
    {
        Devices(Vdb);
        var calls = 0;
        _reader.Setup(r => r.Probe("/dev/vdb")).Returns(() => ++calls == 1
            ? new ProbeResult(null, "", "", "cannot read superblock of /dev/vdb: no such file or directory")
            : new ProbeResult("ext4", "data", UuidB, null));
        var discovery = Discovery();

        var result = discovery.FindLabel("data", required: true);

        Assert.Equal("/dev/vdb", result.Volume!.Device);
        Assert.Empty(discovery.Diagnostics);
    }

    [Fact]
    public void Missing_sysfs_is_a_warning_not_a_crash()
    {
        _devices.Setup(d => d.Enumerate()).Throws(new DirectoryNotFoundException("/sys/class/block does not exist; is /sys mounted?"));
        var discovery = Discovery(TimeSpan.FromMilliseconds(50));

        var result = discovery.FindLabel("data", required: true);

        Assert.Null(result.Volume);
        Assert.Contains("did not appear", result.Problem!.Message);
        Assert.Contains("is /sys mounted", Assert.Single(discovery.Diagnostics).Message);
    }

    [Fact]
    public void Appearance_time_stays_the_time_of_first_sight()
    {
        Devices(Vdb);
        Superblock(Vdb, "ext4", "data", UuidB);
        var discovery = Discovery();

        var first = discovery.Scan().Single().AppearedMs;
        Thread.Sleep(30);
        var again = discovery.Scan().Single().AppearedMs;

        Assert.Equal(first, again);
    }

    [Fact]
    public void Good_probes_are_cached_between_scans()
    {
        Devices(Vdb);
        Superblock(Vdb, "ext4", "data", UuidB);
        var discovery = Discovery();

        discovery.Scan();
        discovery.Scan();

        _devices.Verify(d => d.Enumerate(), Times.Exactly(2));
        _reader.Verify(r => r.Probe("/dev/vdb"), Times.Once);
    }

    [Fact]
    public void Empty_label_is_refused()
    {
        var result = Discovery().FindLabel("", required: true);

        Assert.Equal(Severity.Error, result.Problem!.Severity);
    }
}
