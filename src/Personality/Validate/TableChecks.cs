using Personality.Core;
using Personality.Plan.Tables;

namespace Personality.Validate;

/// <summary>
/// What validate checks in an rwtab or statetab beyond what boot reports: lines boot accepts but
/// that cannot be what was meant. Boot keeps Red Hat's reading of them (a path named twice is
/// bound once; an rwtab path is the rest of its line).
/// </summary>
internal static class TableChecks
{
    /// <summary>A path listed a second time in one table: the second adds nothing.</summary>
    public static void Duplicates(IEnumerable<(string Path, Origin Origin)> entries, Diagnostics diagnostics)
    {
        var first = new Dictionary<string, Origin>(StringComparer.Ordinal);
        foreach (var (path, origin) in entries)
        {
            if (first.TryAdd(path, origin)) continue;
            diagnostics.Error($"{path} is already listed at {first[path]}; listing it again adds nothing", origin, "remove one of the two");
        }
    }

    /// <summary>
    /// "empty /tmp extra": Red Hat's `read type path` makes the rest of the line one path, "/tmp extra",
    /// which exists nowhere, so the line is skipped at boot. A blank inside an rwtab path is reported
    /// at the word after it.
    /// </summary>
    public static void BlanksInRwtabPaths(IEnumerable<RwtabEntry> entries, string text, Diagnostics diagnostics)
    {
        var lines = text.Split('\n');
        foreach (var entry in entries)
        {
            var line = lines[entry.Origin.Line - 1].TrimEnd('\r');
            var blank = line.IndexOfAny([' ', '\t'], entry.Origin.Column - 1);
            if (blank < 0) continue;
            var next = blank;
            while (next < line.Length && line[next] is ' ' or '\t') next++;
            var word = line[next..].Split([' ', '\t'])[0];
            diagnostics.Error($"rwtab takes the rest of the line as one path, '{line[(entry.Origin.Column - 1)..].TrimEnd(' ', '\t')}'; '{word}' is not a second path",
                entry.Origin with { Column = next + 1 }, $"write one path per line; remove '{word}', or put it on a line of its own");
        }
    }
}
