namespace Personality.Status;

/// <summary>Left-aligned columns two spaces apart; the last column is never padded. ANSI colours take no width.</summary>
public static class TextTable
{
    public static IEnumerable<string> Format(IReadOnlyList<string[]> rows, string indent = "  ")
    {
        if (rows.Count == 0) yield break;
        var columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in rows)
            for (var i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], VisibleLength(row[i]));
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell + new string(' ', widths[i] - VisibleLength(cell)));
            yield return (indent + string.Join("  ", cells)).TrimEnd();
        }
    }

    /// <summary>Length without ANSI escape sequences (ESC [ ... letter).</summary>
    public static int VisibleLength(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\e' && i + 1 < text.Length && text[i + 1] == '[')
            {
                i += 2;
                while (i < text.Length && !char.IsAsciiLetter(text[i])) i++;
                continue;
            }
            length++;
        }
        return length;
    }
}
