using System.Text;
using Personality.Cli;
using Personality.Services;

namespace Personality.Tests.Services.Conformance;

/// <summary>What one command of a scenario did in one dialect: exit code, output, the link farm and the watched files after it.</summary>
internal sealed record Observation(int Exit, string Stdout, string Stderr, string Farm, IReadOnlyDictionary<string, string?> Files)
{
    public string Level(string level) => Farm.Split('\n')[int.Parse(level)];

    public override string ToString() =>
        $"exit {Exit}\nstdout: {Stdout}\nstderr: {Stderr}\nfarm:\n{Farm}\n" +
        string.Concat(Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}:\n{f.Value ?? "(missing)"}\n"));
}

/// <summary>
/// Runs a scenario in one dialect: a fresh CentOS-style tree (/etc/rc.d/init.d and rc0.d..rc6.d,
/// with /etc/init.d and /etc/rcN.d linking to them), the setup, then each command line through
/// `personality chkconfig --root TREE --compat DIALECT`, in-process.
/// </summary>
internal static class ScenarioRunner
{
    public static IReadOnlyList<Observation> Run(Scenario scenario, ChkconfigDialect dialect)
    {
        using var dir = new TempDir();
        Build(dir);
        foreach (var action in scenario.Setup) Apply(dir, action);
        var observations = new List<Observation>();
        foreach (var command in scenario.Commands)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = ChkconfigCommand.Run(["--root", dir.Path, "--compat", dialect.Name(), .. command.Args], stdout, stderr, lang: null);
            var files = scenario.WatchedFiles.ToDictionary(p => p, p => File.Exists(dir.Path + p) ? File.ReadAllText(dir.Path + p) : null);
            observations.Add(new Observation(exit, stdout.ToString(), stderr.ToString(), Farm(dir.Path), files));
        }
        return observations;
    }

    private static void Build(TempDir dir)
    {
        dir.Dir("etc/rc.d/init.d");
        File.CreateSymbolicLink(dir.Path + "/etc/init.d", "rc.d/init.d");
        for (var level = 0; level < RunLevels.Count; level++)
        {
            dir.Dir($"etc/rc.d/rc{level}.d");
            File.CreateSymbolicLink(dir.Path + $"/etc/rc{level}.d", $"rc.d/rc{level}.d");
        }
    }

    private static void Apply(TempDir dir, SetupAction action)
    {
        var host = dir.Path + action switch
        {
            WriteFile f => f.Path,
            MakeDirectory d => d.Path,
            MakeLink l => l.Path,
            RemovePath r => r.Path,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        switch (action)
        {
            case WriteFile f:
                dir.Write(f.Path, f.Content);
                break;
            case MakeDirectory:
                Directory.CreateDirectory(host);
                break;
            case MakeLink l:
                Directory.CreateDirectory(Path.GetDirectoryName(host)!);
                File.CreateSymbolicLink(host, l.Target);
                break;
            case RemovePath:
                if (Directory.Exists(host) && new FileInfo(host).LinkTarget is null) Directory.Delete(host, recursive: true);
                else File.Delete(host);
                break;
        }
    }

    /// <summary>"N: entries" for /etc/rc.d/rc0.d..rc6.d, entries sorted; "N: -" where the directory is missing.</summary>
    private static string Farm(string root)
    {
        var lines = new StringBuilder();
        for (var level = 0; level < RunLevels.Count; level++)
        {
            var dir = $"{root}/etc/rc.d/rc{level}.d";
            var entries = Directory.Exists(dir)
                ? string.Join(' ', Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                : "-";
            lines.Append($"{level}: {entries}".TrimEnd()).Append('\n');
        }
        return lines.ToString();
    }
}
