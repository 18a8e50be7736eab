using Personality.Record;

namespace Personality.Fleet.Libvirt;

/// <summary>
/// The guest's serial console log, where boot's readiness line appears. Only its tail is read: a
/// guest writes what it likes there. It is emptied before each start, so a line in it is this boot's.
/// </summary>
public static class GuestConsole
{
    public const int TailBytes = 256 * 1024;

    public static ReadinessLine? Readiness(GuestLayout layout)
    {
        try
        {
            using var file = new FileStream(layout.Console, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var start = Math.Max(0, file.Length - TailBytes);
            file.Position = start;
            var buffer = new byte[file.Length - start];
            file.ReadExactly(buffer);
            return ReadinessLine.ParseLast(System.Text.Encoding.UTF8.GetString(buffer));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Empties the log (libvirt appends to it across starts otherwise).</summary>
    public static void Clear(GuestLayout layout)
    {
        try
        {
            if (File.Exists(layout.Console)) new FileStream(layout.Console, FileMode.Truncate, FileAccess.Write).Dispose();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
