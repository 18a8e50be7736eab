using System.Diagnostics;
using Personality.Core;

namespace Personality.Discovery;

/// <summary>
/// Finds volumes by label or UUID from sysfs and superblocks alone. Scan results are kept, so
/// looking up several labels that are all present costs one sysfs scan; a label that is
/// missing triggers a fresh scan, and for a required label, more scans every PollInterval
/// until WaitTimeout (all lookups together wait at most WaitTimeout). See docs/discovery.md.
/// </summary>
public sealed class VolumeDiscovery : IVolumeSource
{
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(10);
    private const string SysfsKey = "sysfs";

    private readonly IBlockDeviceSource _devices;
    private readonly ISuperblockReader _reader;
    private readonly DiscoveryOptions _options;
    private readonly Stopwatch _sinceBootStart;
    private readonly DeviceProblems _problems = new();
    private readonly Dictionary<BlockDevice, ProbeResult> _probed = [];
    private readonly Dictionary<(string Device, string FsType, string Uuid), long> _firstSeen = [];
    private IReadOnlyList<Volume>? _lastScan;
    // Time already spent waiting, over all lookups: the wait is bounded in total, not per label.
    private TimeSpan _waited;

    public VolumeDiscovery(IBlockDeviceSource devices, ISuperblockReader reader, DiscoveryOptions options, Stopwatch sinceBootStart)
    {
        _devices = devices;
        _reader = reader;
        _options = options;
        _sinceBootStart = sinceBootStart;
    }

    /// <summary>At boot a volume's content is where it is mounted.</summary>
    public string ContentOf(string device, string hostMountPoint) => hostMountPoint;

    /// <summary>Unreadable or corrupt devices (and an unreadable sysfs), each once, as warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _problems.All;

    /// <summary>Every recognised, usable volume present now. Always rescans sysfs.</summary>
    public IReadOnlyList<Volume> Scan()
    {
        var volumes = new List<Volume>();
        foreach (var device in Enumerate())
        {
            var probe = ProbeOnce(device);
            if (probe.Problem is not null)
            {
                _problems.ReportDevice(device.DevicePath, probe);
                continue;
            }
            _problems.Clear(device.DevicePath);
            if (probe.FsType is null)
                continue;
            volumes.Add(new Volume(device.DevicePath, probe.Label, probe.Uuid, probe.FsType, FirstSeen(device.DevicePath, probe)));
        }
        _lastScan = MergeBtrfsMembers(volumes);
        return _lastScan;
    }

    /// <summary>
    /// The one volume carrying <paramref name="label"/> (exact, case-sensitive). Absent and not
    /// required: both fields null. Absent and required: waits, then an error. Duplicates: an
    /// error, unless PinnedUuids names the UUID to take for this label.
    /// </summary>
    public LabelResult FindLabel(string label, bool required)
    {
        if (string.IsNullOrEmpty(label))
            return new LabelResult(null, Diagnostic.Error("an empty label cannot identify a volume"));
        var pinned = _options.PinnedUuids.TryGetValue(label, out var uuid) ? uuid : null;
        return Find(VolumeQuery.ForLabel(label, pinned), required);
    }

    /// <summary>As <see cref="FindLabel"/>, by UUID (case-insensitive), for fstab UUID=... specs.</summary>
    public LabelResult FindUuid(string uuid, bool required)
    {
        if (string.IsNullOrEmpty(uuid))
            return new LabelResult(null, Diagnostic.Error("an empty UUID cannot identify a volume"));
        return Find(VolumeQuery.ForUuid(uuid), required);
    }

    private LabelResult Find(VolumeQuery query, bool required)
    {
        var waited = Stopwatch.StartNew();
        var scannedNow = _lastScan is null;
        var answer = query.Answer(_lastScan ?? Scan(), out var settled);
        if (!settled && !scannedNow)
            answer = query.Answer(Scan(), out settled); // the cache may predate the device
        if (settled || !required)
            return answer;

        var poll = _options.PollInterval > MinimumPoll ? _options.PollInterval : MinimumPoll;
        var budget = _options.WaitTimeout - _waited;
        try
        {
            while (waited.Elapsed < budget)
            {
                var remaining = budget - waited.Elapsed;
                Thread.Sleep(remaining < poll ? remaining : poll);
                answer = query.Answer(Scan(), out settled);
                if (settled)
                    return answer;
            }
        }
        finally
        {
            _waited += waited.Elapsed;
        }
        return answer.Problem is not null ? answer
            : new LabelResult(null, query.NeverAppeared(_options.WaitTimeout, _problems.Devices));
    }

    private IReadOnlyList<BlockDevice> Enumerate()
    {
        try
        {
            var devices = _devices.Enumerate();
            _problems.Clear(SysfsKey);
            return devices;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _problems.Report(SysfsKey, Diagnostic.Warning($"cannot list block devices: {e.Message}",
                hint: "no volume can be found until sysfs is mounted at /sys"));
            return [];
        }
    }

    // Good answers are kept for the life of this instance (a device's filesystem does not change
    // during boot); problems are retried, since a device node may simply not exist yet.
    private ProbeResult ProbeOnce(BlockDevice device)
    {
        if (_probed.TryGetValue(device, out var known))
            return known;
        ProbeResult probe;
        try
        {
            probe = _reader.Probe(device.DevicePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            probe = Probes.Unreadable(device.DevicePath, e.Message);
        }
        if (probe.Problem is null)
            _probed[device] = probe;
        return probe;
    }

    private long FirstSeen(string device, ProbeResult probe)
    {
        var key = (device, probe.FsType ?? "", probe.Uuid);
        if (!_firstSeen.TryGetValue(key, out var ms))
            _firstSeen[key] = ms = _sinceBootStart.ElapsedMilliseconds;
        return ms;
    }

    // The devices of a multi-device btrfs all carry its fsid and label: one filesystem, not
    // duplicates. The first device (by name) stands for it; mounting it also needs the other
    // members registered with the kernel (btrfs device scan), which is not discovery's job.
    private static List<Volume> MergeBtrfsMembers(List<Volume> volumes)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return volumes.Where(v => v.FsType != "btrfs" || v.Uuid.Length == 0 || seen.Add(v.Uuid)).ToList();
    }
}
