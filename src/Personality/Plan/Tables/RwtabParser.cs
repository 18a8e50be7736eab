using Personality.Core;

namespace Personality.Plan.Tables;

/// <summary>
/// Parses rwtab text: "TYPE PATH" lines, comments and blank lines ignored. Red Hat silently drops
/// what it cannot use; we drop the same lines but say so, with file, line and column.
/// </summary>
public static class RwtabParser
{
    public static IReadOnlyList<RwtabEntry> Parse(string text, string file, Diagnostics diagnostics)
    {
        var entries = new List<RwtabEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var typeStart = Skip(line, 0, blank: true);
            if (typeStart >= line.Length || line[typeStart] == '#') continue;
            var typeEnd = Skip(line, typeStart, blank: false);
            var type = line[typeStart..typeEnd];
            var pathStart = Skip(line, typeEnd, blank: true);
            // Like "read type path": the path is the rest of the line, trailing blanks removed.
            var path = line[pathStart..].TrimEnd(' ', '\t');
            var lineOrigin = new Origin(file, i + 1, typeStart + 1);

            RwtabKind kind;
            switch (type)
            {
                case "empty": kind = RwtabKind.Empty; break;
                case "dirs": kind = RwtabKind.Dirs; break;
                case "files": kind = RwtabKind.Files; break;
                default:
                    var suggestion = Spelling.Closest(type, ["empty", "dirs", "files"]);
                    diagnostics.Warn($"unknown rwtab type '{type}'; line ignored", lineOrigin,
                        suggestion is null ? "the type must be empty, dirs or files" : $"did you mean '{suggestion}'?");
                    continue;
            }
            var pathOrigin = new Origin(file, i + 1, pathStart + 1);
            if (path.Length == 0)
            {
                diagnostics.Warn($"rwtab line '{type}' has no path; line ignored", pathOrigin, $"write '{type} /absolute/path'");
                continue;
            }
            if (!GuestPath.TryNormalise(path, out var normalised, out var problem))
            {
                diagnostics.Warn($"{problem}; line ignored", pathOrigin);
                continue;
            }
            entries.Add(new RwtabEntry(kind, normalised, pathOrigin));
        }
        return entries;
    }

    private static int Skip(string s, int i, bool blank)
    {
        while (i < s.Length && (s[i] is ' ' or '\t') == blank) i++;
        return i;
    }
}
