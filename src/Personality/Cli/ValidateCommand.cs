using Personality.Plan.Tables;
using Personality.Validate;

namespace Personality.Cli;

/// <summary>
/// `personality validate [--type KIND] [--json] PATH...`: checks rwtab/statetab, settings files,
/// manifests and the ownership policy, and reports every problem as FILE:LINE:COL. Exit 0 clean, 1 problems
/// found, 64 usage error.
/// </summary>
public static class ValidateCommand
{
    public const string Help = """
        Usage: personality validate [--type KIND] [--json] PATH...

        Checks files before a boot reads them and reports every problem as
        FILE:LINE:COLUMN: error: MESSAGE (HINT). The kind of file is told from its name:
          rwtab      rwtab, rwtab.*, rwtab.d/*
          statetab   statetab, statetab.*, statetab.d/*, a state volume's files
          sysconfig  sysconfig/personality, sysconfig/readonly-root
          manifest   personality.yaml (a config volume's manifest)
          ownership  ownership.yaml (/etc/personality/ownership.yaml)
        A directory stands for the files in it (backups such as *.rpmnew and *~ are skipped,
        as boot skips them). Lines that boot would only warn about and ignore are errors here.

          --type KIND   check every PATH as KIND (rwtab, statetab, sysconfig, manifest, ownership)
          --json        print a JSON document (schemaVersion 1) instead of text
          -h, --help    show this help

        Exit status: 0 no problem found, 1 problems found, 64 usage error.
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        List<(string Path, IFileValidator Validator)> work;
        bool json;
        try
        {
            string? type = null;
            json = false;
            var paths = new List<string>();
            var optionsEnded = false;
            for (var i = 0; i < args.Length; i++)
            {
                var a = args[i];
                if (optionsEnded || !a.StartsWith('-') || a == "-") { paths.Add(a); continue; }
                if (a == "--") optionsEnded = true;
                else if (a is "-h" or "--help") { output.WriteLine(Help); return 0; }
                else if (a == "--json") json = true;
                else if (a == "--type") type = i + 1 < args.Length ? args[++i] : throw new UsageException("--type needs a value");
                else if (a.StartsWith("--type=", StringComparison.Ordinal)) type = a["--type=".Length..];
                else throw new UsageException($"unknown option '{a}'");
            }
            if (paths.Count == 0) throw new UsageException("give at least one PATH to check");
            work = Plan(paths, type);
        }
        catch (UsageException e)
        {
            return UsageError.Report(error, "validate", e.Message);
        }

        var report = new ValidateReport(work.Select(w => ValidateReport.Check(w.Path, w.Validator)).ToList());
        if (json) output.Write(ValidateOutput.Json(report));
        else ValidateOutput.WriteText(output, report);
        return report.ExitCode;
    }

    /// <summary>Each file to check with its validator; usage errors for kinds that cannot be told or checked.</summary>
    private static List<(string, IFileValidator)> Plan(List<string> paths, string? type)
    {
        IFileValidator? forced = null;
        if (type is not null)
        {
            if (!FileValidators.AllKinds.Contains(type))
                throw new UsageException($"unknown --type '{type}'; use one of {string.Join(", ", FileValidators.AllKinds)}");
            forced = FileValidators.ForKind(type) ?? throw new UsageException($"checking {type} files is not available in this build");
        }

        var work = new List<(string, IFileValidator)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var before = work.Count;
                var files = Directory.EnumerateFiles(path).Where(f => !TableFiles.IsIgnored(Path.GetFileName(f))).Order(StringComparer.Ordinal);
                foreach (var file in files)
                    if ((forced ?? FileValidators.Detect(file)) is { } v) work.Add((file, v));
                if (work.Count == before)
                    throw new UsageException($"{path}: no file in this directory is of a kind validate knows; name files or give --type");
                continue;
            }
            var validator = forced ?? FileValidators.Detect(path);
            if (validator is null)
                throw new UsageException($"{path}: cannot tell what kind of file this is from its name; give --type " +
                                         string.Join("|", FileValidators.AllKinds));
            work.Add((path, validator));
        }
        return work;
    }
}
