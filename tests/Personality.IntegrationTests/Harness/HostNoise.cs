using System.Text.RegularExpressions;

namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Warnings caused by the test machine, not by the tree under test: block devices that even root cannot
/// open (a sandboxed host disk answers EPERM). The binary rightly warns about them on every boot; tests
/// set them aside so that "applied" still means "nothing else went wrong". Checked independently here.
/// </summary>
public static class HostNoise
{
    private static readonly Lazy<IReadOnlyList<string>> Unreadable = new(FindUnreadable);

    public static IReadOnlyList<string> UnreadableDevices => Unreadable.Value;

    public static bool IsNoise(StatusDiagnostic d) =>
        UnreadableDevices.Any(dev => Regex.IsMatch(d.Message, Regex.Escape(dev) + @"(?![0-9a-z])"));

    private static IReadOnlyList<string> FindUnreadable()
    {
        var list = new List<string>();
        foreach (var sys in Directory.EnumerateFileSystemEntries("/sys/class/block"))
        {
            var dev = "/dev/" + Path.GetFileName(sys);
            if (Path.GetFileName(sys).StartsWith("loop", StringComparison.Ordinal) || !File.Exists(dev))
                continue;
            try
            {
                using var _ = new FileStream(dev, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            }
            catch (UnauthorizedAccessException)
            {
                list.Add(dev);
            }
            catch (IOException)
            {
                // Busy or gone: not a permanent property of the host.
            }
        }
        return list;
    }
}
