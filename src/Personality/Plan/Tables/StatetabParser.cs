using Personality.Core;

namespace Personality.Plan.Tables;

/// <summary>
/// Parses statetab text (and a state volume's "files" list). Red Hat takes every
/// whitespace-separated word of a non-comment line as a path, so "a b" on one line means two
/// paths; we keep that, and also treat an indented "#" as a comment.
/// </summary>
public static class StatetabParser
{
    public static IReadOnlyList<StatetabEntry> Parse(string text, string file, Diagnostics diagnostics)
    {
        var entries = new List<StatetabEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var pos = 0;
            while (pos < line.Length)
            {
                while (pos < line.Length && line[pos] is ' ' or '\t') pos++;
                if (pos >= line.Length || line[pos] == '#') break;
                var start = pos;
                while (pos < line.Length && line[pos] is not (' ' or '\t')) pos++;
                var word = line[start..pos];
                var origin = new Origin(file, i + 1, start + 1);
                if (!GuestPath.TryNormalise(word, out var normalised, out var problem))
                {
                    diagnostics.Warn($"{problem}; entry ignored", origin);
                    continue;
                }
                if (normalised == "/")
                {
                    diagnostics.Warn("the root directory itself cannot be kept on the state volume; entry ignored", origin);
                    continue;
                }
                entries.Add(new StatetabEntry(normalised, origin));
            }
        }
        return entries;
    }
}
