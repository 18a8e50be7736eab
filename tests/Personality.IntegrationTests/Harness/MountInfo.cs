using System.Text;

namespace Personality.IntegrationTests.Harness;

/// <summary>One line of /proc/self/mountinfo.</summary>
/// <param name="Root">The path inside the mounted filesystem that is visible at MountPoint (a bind's source).</param>
public sealed record MountInfo(int Id, int ParentId, string MajorMinor, string Root, string MountPoint,
    string Options, string FsType, string Source, string SuperOptions)
{
    public static IReadOnlyList<MountInfo> ReadSelf() => Parse(File.ReadAllText("/proc/self/mountinfo"));

    public static IReadOnlyList<MountInfo> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseLine).ToList();

    /// <summary>Mounts at or below a directory, outermost first.</summary>
    public static IReadOnlyList<MountInfo> Below(IEnumerable<MountInfo> all, string dir) =>
        all.Where(m => m.MountPoint == dir || m.MountPoint.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderBy(m => m.MountPoint.Length).ThenBy(m => m.Id).ToList();

    public bool ReadOnly => Options.Split(',').Contains("ro");

    public override string ToString() => $"{MountPoint} <- {Source}:{Root} ({FsType} {Options} {SuperOptions})";

    private static MountInfo ParseLine(string line)
    {
        // id parent maj:min root mountpoint options [optional...] - fstype source superoptions
        var f = line.Split(' ');
        var dash = Array.IndexOf(f, "-", 6);
        if (dash < 0 || f.Length < dash + 4)
            throw new FormatException($"bad mountinfo line: {line}");
        return new MountInfo(int.Parse(f[0]), int.Parse(f[1]), f[2], Unescape(f[3]), Unescape(f[4]), f[5],
            f[dash + 1], Unescape(f[dash + 2]), f[dash + 3]);
    }

    // The kernel writes space, tab, newline and backslash as \ooo.
    private static string Unescape(string s)
    {
        if (!s.Contains('\\'))
            return s;
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s.Skip(at).Take(3).All(c => c is >= '0' and <= '7');
}
