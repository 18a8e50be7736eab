namespace Personality.Manifests.Yaml;

/// <summary>
/// Finds tabs used as indentation, which YAML forbids. YamlDotNet reports such a tab where the
/// enclosing block starts (line 1 for a tab deep in the file), so the scanner names each tab itself.
/// </summary>
internal static class TabIndentation
{
    public const string Hint = "YAML indents with spaces only: replace the tab with spaces";

    /// <summary>
    /// The 1-based line and column of every tab among the leading blanks of a line, from
    /// <paramref name="fromLine"/> on (the parser read the lines before it without trouble).
    /// </summary>
    public static IReadOnlyList<(int Line, int Column)> Find(string text, int fromLine)
    {
        var found = new List<(int, int)>();
        var lines = text.Split('\n');
        for (var i = Math.Max(fromLine, 1) - 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim(' ', '\t').Length == 0) continue; // blank lines indent nothing
            for (var c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] != '\t') continue;
                found.Add((i + 1, c + 1));
                break;
            }
        }
        return found;
    }
}
