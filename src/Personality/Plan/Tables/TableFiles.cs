namespace Personality.Plan.Tables;

/// <summary>Which files make up a table: the main file, then a ".d" directory, as Red Hat reads them.</summary>
public static class TableFiles
{
    // Red Hat's is_ignored_file: backup and package-manager leftovers are never read.
    private static readonly string[] IgnoredSuffixes = ["~", ".bak", ".orig", ".rpmnew", ".rpmorig", ".rpmsave", ".old"];

    public static bool IsIgnored(string name) => IgnoredSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));

    /// <summary>
    /// Guest paths of the table files that exist: <paramref name="mainFile"/>, then every regular file
    /// in <paramref name="dropInDir"/> in byte order (the shell glob's order in the C locale).
    /// </summary>
    public static IReadOnlyList<string> Find(Core.TargetRoot root, string mainFile, string dropInDir, IList<string> ignored)
    {
        var result = new List<string>();
        if (File.Exists(root.Host(mainFile))) result.Add(mainFile);
        var hostDir = root.Host(dropInDir);
        if (!Directory.Exists(hostDir)) return result;
        var names = Directory.EnumerateFileSystemEntries(hostDir).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var guest = dropInDir + "/" + name;
            if (IsIgnored(name)) { ignored.Add(guest); continue; }
            if (File.Exists(root.Host(guest))) result.Add(guest);
        }
        return result;
    }
}
