using Personality.Core;
using Personality.DryRun;
using Personality.Record;

namespace Personality.Cli;

/// <summary>`personality dry-run`: the exact plan boot would execute on a tree; changes nothing.</summary>
public static class DryRunCommand
{
    public const string Help = """
        Usage: personality dry-run [--root DIR] [--volume LABEL=PATH]... [--cmdline TEXT] [--json]

        Prints the plan `personality boot` would execute on an image tree, computed by the same
        code: the steps in the order boot runs them, each with its stage and the line it comes
        from; then plan-time errors and conflicts. Changes nothing: the tree and the volumes are
        only read.

          --root DIR            the unpacked image tree (default /)
          --volume LABEL=PATH   a volume as boot would find it by LABEL: a directory, or an image
                                file (loop-mounted read-only in a private namespace; needs root)
          --cmdline TEXT        the kernel command line to assume (default: empty)
          --json                the plan as JSON (schemaVersion 1, the shape of status.json)
          -h, --help            show this help

        Exit status: 0 no errors, 1 errors found, 64 usage error.
        """;

    public static int Run(Arguments args)
    {
        if (args.Flag("--help") || args.Flag("-h")) { Console.WriteLine(Help); return 0; }
        var root = new TargetRoot(args.Option("--root") ?? "/");
        var cmdline = args.Option("--cmdline") ?? "";
        var json = args.Flag("--json");
        var volumes = args.Options("--volume").Select(VolumeArgument.Parse).ToList();
        args.EnsureEmpty();
        if (!Directory.Exists(root.Directory)) throw new UsageException($"--root {root.Directory} is not a directory");
        var duplicate = volumes.GroupBy(v => v.Label).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UsageException($"--volume {duplicate.Key} is given twice");

        return ImageVolumes.WithMounted(volumes, directories =>
        {
            var record = DryRunPlan.Execute(root, cmdline, directories);
            if (json)
            {
                using var stdout = Console.OpenStandardOutput();
                StatusJsonWriter.Serialize(record, stdout);
            }
            else
            {
                PlanReport.Write(Console.Out, record);
            }
            return record.Diagnostics.HasErrors ? 1 : 0;
        });
    }
}
