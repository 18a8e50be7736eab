using System.Diagnostics;
using Personality.Cli;

namespace Personality;

public static class Program
{
    public const string Version = "0.1.0";

    public const string Help = """
        Usage: personality COMMAND [OPTIONS]

        Boot-time initializer for guests that share read-only images.

        Commands:
          boot      [--root DIR] [--cmdline TEXT]   run at boot: volumes, read-only root, record
          dry-run   [--root DIR] [--volume LABEL=PATH]... [--cmdline TEXT] [--json]
                                                    the plan boot would execute; changes nothing
          status    [--root DIR] [--json] [-v] [--wait [--timeout S]] [--history]
                                                    what boot did, drift since, past boots
          validate  [--type KIND] [--json] PATH...  check rwtab/statetab, settings, manifests
          chkconfig [--root DIR] [--compat el5|el6|current] ARGS...
                                                    chkconfig-compatible services, on any tree
          fleet     plan|build|up|status|down|roll FILE [GUEST...] [--json]
                                                    the host side: a rack of guests on libvirt
          --version                                 print the version
          --help                                    show this help

        `personality COMMAND --help` describes one command. Every command exits 64 on a
        usage error (chkconfig keeps chkconfig's own exit 1). See personality(8).
        """;

    /// <summary>The commands, as typed; a usage error of one points at its own --help.</summary>
    public static readonly IReadOnlyList<string> Commands = ["boot", "dry-run", "status", "validate", "chkconfig", "fleet"];

    public static int Main(string[] args)
    {
        var sinceStart = Stopwatch.StartNew();
        var command = args.Length > 0 && Commands.Contains(args[0]) ? args[0] : null;
        try
        {
            if (args.Length == 0) throw new UsageException($"give a command: {string.Join(", ", Commands)}");
            if (args[0] is "--help" or "-h" or "help") { Console.WriteLine(Help); return 0; }
            if (args[0] == "--version") { Console.WriteLine($"personality {Version}"); return 0; }
            var rest = new Arguments(args[1..]);
            return args[0] switch
            {
                "boot" => BootCommand.Run(rest, sinceStart),
                "dry-run" => DryRunCommand.Run(rest),
                "status" => StatusCommand.Run(rest),
                "validate" => ValidateCommand.Run(args[1..]),
                "chkconfig" => ChkconfigCommand.Run(args[1..]),
                "fleet" => FleetCommand.Run(rest, Console.Out, Console.Error),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            return UsageError.Report(Console.Error, command, e.Message);
        }
        catch (Exception e)
        {
            // A bug in a command other than boot (which never fails): said plainly, EX_SOFTWARE.
            Console.Error.WriteLine($"personality: internal error: {e.GetType().Name}: {e.Message}");
            return 70;
        }
    }
}
