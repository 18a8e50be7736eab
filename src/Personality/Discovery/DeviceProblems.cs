using Personality.Core;

namespace Personality.Discovery;

/// <summary>
/// Warnings about devices that could not be used, each reported once however often the devices
/// are rescanned. A device that reads fine on a later scan (its node was just late) is dropped.
/// </summary>
internal sealed class DeviceProblems
{
    private readonly List<(string Key, Diagnostic Diagnostic, bool IsDevice, bool Quiet)> _open = [];

    /// <summary>The warnings; devices the kernel forbids us to open are left out (see <see cref="ProbeResult.AccessDenied"/>).</summary>
    public IReadOnlyList<Diagnostic> All => _open.Where(p => !p.Quiet).Select(p => p.Diagnostic).ToList();

    /// <summary>The devices currently unusable, to mention when a wanted volume is missing.</summary>
    public IReadOnlyList<string> Devices => _open.Where(p => p.IsDevice).Select(p => p.Key).ToList();

    public void ReportDevice(string devicePath, ProbeResult probe) =>
        Report(devicePath, ForProbe(probe), isDevice: true, quiet: probe.AccessDenied);

    public void Report(string key, Diagnostic diagnostic, bool isDevice = false, bool quiet = false)
    {
        if (!_open.Exists(p => p.Key == key))
            _open.Add((key, diagnostic, isDevice, quiet));
    }

    public void Clear(string key) => _open.RemoveAll(p => p.Key == key);

    private static Diagnostic ForProbe(ProbeResult probe) => Diagnostic.Warning(probe.Problem ?? "", hint:
        probe.FsType is not null
            ? "the device is not used; repair it with fsck or recreate the filesystem"
            : "the device is not used; check the disk and the kernel log (dmesg)");
}
