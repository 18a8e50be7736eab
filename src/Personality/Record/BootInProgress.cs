using System.Globalization;
using Personality.Files;
using Personality.Core;

namespace Personality.Record;

/// <summary>
/// The "a boot is running" marker: <see cref="PidFile"/> (inside the target root) holds the pid of a
/// running `personality boot`. `personality status --wait` waits while the file names a live process;
/// a file naming a dead (or zombie) process is stale and ignored.
/// Boot calls <see cref="Mark"/> as early as it can and <see cref="Clear"/> after status.json is
/// written. On a root where /var/run is itself an rwtab entry the first Mark cannot write (the image is
/// read-only); boot calls it again once the rwtab binds are made.
/// </summary>
public static class BootInProgress
{
    public const string PidFile = "/var/run/personality/boot.pid";

    /// <summary>Writes this process's pid; false (and nothing else) when the directory is not writable yet.</summary>
    public static bool Mark(TargetRoot root)
    {
        try
        {
            var path = HostPath(root);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"), 0x1A4);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Removes the marker if it is this process's (never another boot's).</summary>
    public static void Clear(TargetRoot root)
    {
        try
        {
            var path = HostPath(root);
            if (ReadPid(path) == Environment.ProcessId) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A marker left behind is harmless: its process is gone, so it reads as stale.
        }
    }

    /// <summary>The pid of the boot in progress, or null when there is none (no marker, or a stale one).</summary>
    public static int? RunningPid(TargetRoot root, string proc = "/proc")
    {
        var pid = ReadPid(HostPath(root));
        return pid is { } p && IsAlive(p, proc) ? p : null;
    }

    /// <summary>True when /proc/PID exists and is not a zombie.</summary>
    public static bool IsAlive(int pid, string proc = "/proc")
    {
        if (pid <= 0) return false;
        string stat;
        try { stat = File.ReadAllText(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "stat")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        // "PID (COMM) STATE ...": COMM may hold spaces and parentheses, so look after the last ')'.
        var close = stat.LastIndexOf(')');
        var state = close >= 0 && close + 2 < stat.Length ? stat[close + 2] : '?';
        return state is not ('Z' or 'X' or 'x');
    }

    private static string HostPath(TargetRoot root) => root.Host(new RootedResolver(root).ResolveForWrite(PidFile));

    private static int? ReadPid(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
