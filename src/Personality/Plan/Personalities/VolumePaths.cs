using Personality.Native;

namespace Personality.Plan.Personalities;

/// <summary>
/// Paths named by a config volume (file sources, hooks) must stay inside it: the volume is input
/// from outside the image, and a symlink in it must not reach the image's or the host's files.
/// </summary>
public static class VolumePaths
{
    /// <summary>The host path of <paramref name="relative"/> inside the volume, or null with a reason.</summary>
    public static string? Resolve(string volumeContent, string relative, out string? problem)
    {
        problem = null;
        var candidate = Path.Combine(volumeContent, relative);
        if (!File.Exists(candidate) && !Directory.Exists(candidate) && new FileInfo(candidate).LinkTarget is null)
        {
            problem = $"'{relative}' does not exist on the volume; add it, or fix the name";
            return null;
        }
        string real, realVolume;
        try
        {
            real = RealPath.Resolve(candidate);
            realVolume = RealPath.Resolve(volumeContent);
        }
        catch (NativeException e)
        {
            problem = $"'{relative}' cannot be resolved ({Errno.Describe(e.Errno)}); a symlink on the volume may point nowhere";
            return null;
        }
        if (!real.StartsWith(realVolume.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            problem = $"'{relative}' leads outside the volume (a symlink to {real}); copy the file onto the volume instead";
            return null;
        }
        return real;
    }
}
