using System.Text;

namespace Personality.Apply.Mounts;

/// <summary>Parses /proc/self/mountinfo (proc(5)); paths there escape space, tab, newline and backslash in octal.</summary>
public static class MountInfoParser
{
    public static IReadOnlyList<MountInfo> Parse(string text)
    {
        var result = new List<MountInfo>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (fields.Length < 10 || separator < 0 || separator + 2 >= fields.Length) continue;
            result.Add(new MountInfo(
                int.Parse(fields[0]), int.Parse(fields[1]), fields[2], Unescape(fields[3]), Unescape(fields[4]),
                fields[separator + 1], Unescape(fields[separator + 2]), fields[5]));
        }
        return result;
    }

    public static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1) && IsOctal(field, i + 2) && IsOctal(field, i + 3))
            {
                sb.Append((char)((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')));
                i += 3;
            }
            else sb.Append(field[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int i) => i < s.Length && s[i] is >= '0' and <= '7';
}
