using System.Text;
using Personality.Core;
using Personality.Files;

namespace Personality.Record;

/// <summary>
/// boot's exit status, also kept as a one-line file beside status.json, for a caller that cannot
/// see the status itself: under systemd, personality-fallback.service runs after personality.service
/// and reads it to decide whether Red Hat's readonly-root must run instead (no file: the binary
/// crashed, hung and was killed, or never ran, so it must).
/// </summary>
public static class BootExitFile
{
    public const string GuestPath = "/var/run/personality/boot-exit";

    /// <summary>Best effort: a boot whose exit file cannot be written still exits with its status.</summary>
    public static void Write(TargetRoot root, int status)
    {
        try
        {
            var path = root.Host(new RootedResolver(root).ResolveForWrite(GuestPath));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, Encoding.ASCII.GetBytes($"{status}\n"), 0x1A4); // 0644
        }
        catch (Exception)
        {
            // Whatever went wrong here, the exit status below still says what was set up.
        }
    }
}
