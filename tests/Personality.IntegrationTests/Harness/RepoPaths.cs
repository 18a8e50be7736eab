namespace Personality.IntegrationTests.Harness;

/// <summary>Where the repository, the published binary and the stock data files are.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootDir = new(FindRepoRoot);

    /// <summary>The directory holding Personality.sln, found by walking up from the test assembly.</summary>
    public static string Root => RootDir.Value;

    /// <summary>The binary under test: $PERSONALITY_BIN, else &lt;repo&gt;/out/personality.</summary>
    public static string Binary
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("PERSONALITY_BIN");
            var path = string.IsNullOrEmpty(fromEnv) ? Path.Combine(Root, "out", "personality") : Path.GetFullPath(fromEnv);
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"The published binary {path} does not exist: run tests/publish.sh first (or set PERSONALITY_BIN).");
            return path;
        }
    }

    /// <summary>A stock data file (rwtab.fedora, rwtab.el6, ...): ../shared/data beside the repo, else the vendored copy.</summary>
    public static string SharedData(string name)
    {
        var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", name));
        if (File.Exists(shared))
            return shared;
        var vendored = Path.Combine(AppContext.BaseDirectory, "Data", name);
        if (File.Exists(vendored))
            return vendored;
        throw new FileNotFoundException($"stock data file {name} is neither in {shared} nor in {vendored}");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Personality.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Personality.sln above {AppContext.BaseDirectory}");
    }
}
