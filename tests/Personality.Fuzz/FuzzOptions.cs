namespace Personality.Fuzz;

/// <summary>
/// The command line. <c>--iterations</c> per target gives the same inputs every run (CI);
/// <c>--seconds</c> is a wall-clock budget shared by the targets (long runs). With both, the first reached ends a target.
/// </summary>
public sealed record FuzzOptions(int Seed, double Seconds, long Iterations, string? Only, string Corpus, string Crashes, double HangSeconds)
{
    public const string Usage =
        "usage: Personality.Fuzz [--seed N] [--seconds S] [--iterations N] [--target NAME] [--corpus DIR] [--crashes DIR] [--hang-seconds S]";

    public static FuzzOptions Parse(string[] args)
    {
        var here = AppContext.BaseDirectory;
        var project = FindProjectDirectory(here);
        var options = new FuzzOptions(1, 0, 0, null, Path.Combine(project, "corpus"), Path.Combine(project, "crashes"), 1);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException(Usage);
            options = args[i] switch
            {
                "--seed" => options with { Seed = int.Parse(value) },
                "--seconds" => options with { Seconds = double.Parse(value) },
                "--iterations" => options with { Iterations = long.Parse(value) },
                "--target" => options with { Only = value },
                "--corpus" => options with { Corpus = value },
                "--crashes" => options with { Crashes = value },
                "--hang-seconds" => options with { HangSeconds = double.Parse(value) },
                _ => throw new ArgumentException(Usage),
            };
            i++;
        }
        return options.Seconds <= 0 && options.Iterations <= 0 ? options with { Seconds = 20 } : options;
    }

    // The corpus lives next to the project, not in bin/.
    private static string FindProjectDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Personality.Fuzz.csproj")))
                return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
