namespace Personality.IntegrationTests.Harness;

/// <summary>One line of an rwtab as a test tree saw it: type, absolute path, 1-based line, and whether the tree has it.</summary>
public sealed record RwtabEntry(string Type, string Path, int Line, bool Exists, bool IsDirectory)
{
    /// <summary>Guest path without the leading slash, as in tree snapshots.</summary>
    public string Rel => Path.TrimStart('/');

    public bool IsBelow(string other) => Path.StartsWith(other.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>Reads an rwtab the way the shell does: whitespace-separated TYPE PATH; comments and blanks skipped.</summary>
    public static IReadOnlyList<RwtabEntry> Parse(string text)
    {
        var list = new List<RwtabEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 2 && !f[0].StartsWith('#'))
                list.Add(new RwtabEntry(f[0], f[1], i + 1, Exists: false, IsDirectory: false));
        }
        return list;
    }

    /// <summary>Existing entries not below another existing entry: the ones that get a bind mount.</summary>
    public static IReadOnlyList<RwtabEntry> Outermost(IEnumerable<RwtabEntry> entries)
    {
        var existing = entries.Where(e => e.Exists).ToList();
        return existing.Where(e => !existing.Any(o => e.IsBelow(o.Path))).DistinctBy(e => e.Path).ToList();
    }
}
