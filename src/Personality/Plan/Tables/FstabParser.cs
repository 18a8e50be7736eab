using Personality.Core;

namespace Personality.Plan.Tables;

/// <summary>Reads /etc/fstab; only the entries for our mount points matter, so it stays simple.</summary>
public static class FstabParser
{
    public static IReadOnlyList<FstabEntry> Parse(string text, string file, Diagnostics diagnostics)
    {
        var entries = new List<FstabEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var origin = new Origin(file, i + 1, 1);
            if (fields.Length < 2)
            {
                diagnostics.Warn("fstab line has fewer than 2 fields; ignored", origin, "write SPEC MOUNTPOINT TYPE OPTIONS");
                continue;
            }
            var mountPoint = Unescape(fields[1]);
            if (mountPoint != "none" && mountPoint != "swap" && GuestPath.TryNormalise(mountPoint, out var normal, out _))
                mountPoint = normal;
            entries.Add(new FstabEntry(Unescape(fields[0]), mountPoint, fields.Length > 2 ? fields[2] : "auto",
                fields.Length > 3 ? fields[3] : "defaults", origin));
        }
        return entries;
    }

    /// <summary>fstab writes a space as \040 and a tab as \011.</summary>
    private static string Unescape(string field) => field.Replace("\\040", " ").Replace("\\011", "\t");

    public static FstabEntry? ForMountPoint(TargetRoot root, string mountPoint, Diagnostics diagnostics)
    {
        string text;
        try { text = File.ReadAllText(root.Host("/etc/fstab")); }
        catch (IOException) { return null; }
        return Parse(text, "/etc/fstab", diagnostics).LastOrDefault(e => e.MountPoint == mountPoint);
    }
}
