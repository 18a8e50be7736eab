using Personality.Core;

namespace Personality.Services;

/// <summary>
/// The runlevel a bare <c>chkconfig NAME</c> query asks about. On a live system: the current
/// one from utmp (what /sbin/runlevel prints). In a tree there is none, so the default:
/// <c>id:N:initdefault:</c> in /etc/inittab, else systemd's default.target
/// (runlevelN.target, multi-user = 3, graphical = 5), else 3.
/// </summary>
public static class DefaultRunlevel
{
    public const int Fallback = 3;

    public static int For(TargetRoot root, bool live)
    {
        var resolver = new RootedResolver(root);
        if (live && (Current(root, resolver, "/var/run/utmp") ?? Current(root, resolver, "/run/utmp")) is { } current)
            return current;
        return FromInittab(root, resolver) ?? FromDefaultTarget(resolver) ?? Fallback;
    }

    /// <summary>The level of an <c>id:N:initdefault:</c> line, or null.</summary>
    public static int? ParseInittab(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            var fields = line.Split(':');
            if (fields.Length < 3 || fields[2] != "initdefault") continue;
            foreach (var c in fields[1])
                if (c is >= '0' and <= '6') return c - '0';
        }
        return null;
    }

    private static int? FromInittab(TargetRoot root, RootedResolver resolver)
    {
        if (resolver.Resolve("/etc/inittab", out _) is not { } path) return null;
        try { return ParseInittab(File.ReadAllText(root.Host(path))); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static int? FromDefaultTarget(RootedResolver resolver)
    {
        foreach (var guest in new[] { "/etc/systemd/system/default.target", "/lib/systemd/system/default.target", "/usr/lib/systemd/system/default.target" })
        {
            if (resolver.Resolve(guest, out _) is not { } target) continue;
            var unit = Path.GetFileName(target);
            if (unit.Length == "runlevelN.target".Length && unit.StartsWith("runlevel", StringComparison.Ordinal) && unit[8] is >= '0' and <= '6')
                return unit[8] - '0';
            return unit switch { "multi-user.target" => 3, "graphical.target" => 5, "rescue.target" => 1, "poweroff.target" => 0, "reboot.target" => 6, _ => null };
        }
        return null;
    }

    // utmp records are 384 bytes on x86-64 and aarch64: ut_type (short) at 0, ut_pid (int) at 4.
    // A RUN_LVL record (type 1) keeps the level's character in the low byte of ut_pid.
    private static int? Current(TargetRoot root, RootedResolver resolver, string guest)
    {
        if (resolver.Resolve(guest, out _) is not { } path) return null;
        byte[] bytes;
        try { bytes = File.ReadAllBytes(root.Host(path)); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        int? level = null;
        for (var at = 0; at + 384 <= bytes.Length; at += 384)
        {
            if (BitConverter.ToInt16(bytes, at) != 1) continue;
            var c = (char)(BitConverter.ToInt32(bytes, at + 4) & 0xFF);
            if (c is >= '0' and <= '6') level = c - '0';
        }
        return level;
    }
}
