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
          fstab      fstab (the lines boot reads for the scratch and state areas)
          manifest   personality.yaml (a config volume's manifest)
          ownership  ownership.yaml (/etc/personality/ownership.yaml)
        A directory stands for every file below it, at any depth, whose kind is told by its
        name (with --type: every file); backups such as *.rpmnew and *~ are skipped, as boot
        skips them. Lines that boot would only warn about and ignore are errors here, and so
        are lines boot accepts that cannot be what was meant (a path listed twice, a yes/no
        setting that is neither, a mount option the filesystem does not know).

          --type KIND   check every PATH as KIND (rwtab, statetab, sysconfig, fstab, manifest,
                        ownership)
          --json        print a JSON document (schemaVersion 1) instead of text
          -h, --help    show this help

        Exit status: 0 no problem found, 1 problems found, 64 usage error.
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        List<CheckItem> work;
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
            work = CheckPlan.For(paths, type);
        }
        catch (UsageException e)
        {
            return UsageError.Report(error, "validate", e.Message);
        }

        var report = new ValidateReport(work.Select(ValidateReport.Check).ToList());
        if (json) output.Write(ValidateOutput.Json(report));
        else ValidateOutput.WriteText(output, report);
        return report.ExitCode;
    }
}
