using Personality.Core;
using Personality.Services;

namespace Personality.Cli;

/// <summary>
/// `personality chkconfig [--root DIR] ARGS...`: chkconfig's command line, output and exit codes,
/// carried out by the native engine on any tree (a live guest, an unpacked image, a test tree).
/// </summary>
public static class ChkconfigCommand
{
    public const string Help = """
        Usage: personality chkconfig [--root DIR] [--list] [--type sysv|xinetd] [NAME]
               personality chkconfig [--root DIR] --add NAME
               personality chkconfig [--root DIR] --del NAME
               personality chkconfig [--root DIR] --override NAME
               personality chkconfig [--root DIR] [--level LEVELS] [--type sysv|xinetd] NAME on|off|reset|resetpriorities
               personality chkconfig [--root DIR] [--level N] NAME

        Red Hat's chkconfig, reproduced natively: the same rcN.d links (chkconfig headers, LSB
        dependencies and priorities, /etc/chkconfig.d overrides), xinetd `disable =` lines, the
        same output and exit codes, on a live system or on an offline tree without chroot.

          --root DIR        treat DIR as the guest's root (default /)
          --level LEVELS    levels to change (default 2345 for on/off, all for reset), or the one
                            level a query asks about (default: the current runlevel; with --root,
                            the default one from /etc/inittab, else 3)
          --type TYPE       only init scripts (sysv) or only xinetd services (xinetd)
          --dry-run         print the changes a command would make, change nothing
          --verbose         print each change made
          -v, --version     print the version
          -h, --help        show this help

        Exit status: 0 on success, or when a queried service is on; 1 otherwise (unknown
        service, script without a chkconfig header, usage error), as chkconfig exits. Only
        --root, which chkconfig does not have, follows personality's convention: a bad
        --root exits 64. See docs/chkconfig.md.
        """;

    public static int Run(string[] args)
    {
        var o = new Options();
        var problem = o.Parse(args);
        // chkconfig has no --root: a mistake there breaks no chkconfig script, so it gets our convention.
        if (o.RootMissing) return UsageError.Report(Console.Error, "chkconfig", "--root needs a directory");
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
            return 1;
        }
        if (o.Version) { Console.WriteLine($"chkconfig version {Program.Version} (personality native engine)"); return 0; }
        if (o.Help) { Console.WriteLine(Help); return 0; }

        var types = ServiceTypes.Any;
        if (o.Type is not null)
        {
            types = o.Type switch { "xinetd" => ServiceTypes.Xinetd, "sysv" => ServiceTypes.InitScript, _ => 0 };
            if (types == 0) { Console.Error.WriteLine("--type must be 'sysv' or 'xinetd'"); return 1; }
        }
        if ((o.List ? 1 : 0) + (o.Add ? 1 : 0) + (o.Delete ? 1 : 0) + (o.Override ? 1 : 0) > 1)
        {
            Console.Error.WriteLine("only one of --list, --add, --del, or --override may be specified");
            return 1;
        }
        var root = new TargetRoot(o.Root ?? "/");
        if (!Directory.Exists(root.Directory))
            return UsageError.Report(Console.Error, "chkconfig", $"--root {root.Directory} is not a directory");
        var engine = new ChkconfigEngine(root, ChkconfigEngine.EnvironmentLang) { DryRun = o.DryRun };
        var names = o.Positional;

        if (o.Add || o.Delete || o.Override)
        {
            if (names.Count != 1 || names[0].Length == 0) return Usage();
            var name = ServiceNames.BaseName(names[0]);
            return Report(o.Add ? engine.Add(name, types) : o.Delete ? engine.Delete(name, types) : engine.Override(name, types), o);
        }
        if (o.List || o.NoArguments)
        {
            if (names.Count > 1) return Usage();
            return Report(engine.List(names.Count == 1 ? names[0] : null, types), o);
        }

        if (names.Count == 0) return Usage();
        var where = 0;
        if (o.Levels is not null && (where = RunLevels.Parse(o.Levels)) < 0) return Usage();
        if (names.Count == 1)
        {
            int level;
            if (where != 0)
            {
                if (int.PopCount(where) > 1)
                {
                    Console.Error.WriteLine("only one runlevel may be specified for a chkconfig query");
                    return 1;
                }
                level = int.TrailingZeroCount(where);
            }
            else level = DefaultRunlevel.For(root, live: o.Root is null);
            return Report(engine.Query(names[0], level, types), o);
        }
        ServiceState? state = names[1] switch
        {
            "on" => ServiceState.On,
            "off" => ServiceState.Off,
            "reset" => ServiceState.Reset,
            "resetpriorities" => ServiceState.ResetPriorities,
            _ => null,
        };
        return state is null ? Usage() : Report(engine.Set(names[0], state.Value, where, types), o);
    }

    private static int Report(ChkconfigOutcome outcome, Options o)
    {
        Console.Out.Write(outcome.Stdout);
        Console.Error.Write(outcome.Stderr);
        if (o.DryRun || o.Verbose)
            foreach (var change in outcome.Changes)
                Console.Out.WriteLine(o.DryRun ? "would have " + change : change.ToString());
        Console.Out.Flush();
        return outcome.ExitCode;
    }

    private static int Usage()
    {
        Console.Error.WriteLine(Help);
        return 1;
    }

    /// <summary>chkconfig's options (popt: anywhere on the line, --opt VALUE or --opt=VALUE) plus --root.</summary>
    private sealed class Options
    {
        public string? Root, Levels, Type;
        public bool Add, Delete, Override, List, Help, Version, DryRun, Verbose, NoArguments;
        /// <summary>--root came last, without its directory.</summary>
        public bool RootMissing;
        public List<string> Positional { get; } = [];

        public string? Parse(string[] args)
        {
            var meaningful = 0;
            for (var i = 0; i < args.Length; i++)
            {
                var a = args[i];
                if (a == "--")
                {
                    Positional.AddRange(args[(i + 1)..]);
                    meaningful += args.Length - i - 1;
                    break;
                }
                if (!a.StartsWith('-') || a == "-")
                {
                    Positional.Add(a);
                    meaningful++;
                    continue;
                }
                var eq = a.IndexOf('=');
                var key = eq > 0 && a.StartsWith("--", StringComparison.Ordinal) ? a[..eq] : a;
                string? inline = eq > 0 && key != a ? a[(eq + 1)..] : null;
                if (key is "--root" or "--level" or "--levels" or "--type")
                {
                    var value = inline;
                    if (value is null)
                    {
                        if (i + 1 >= args.Length)
                        {
                            RootMissing = key == "--root";
                            return $"{key}: missing argument";
                        }
                        value = args[++i];
                    }
                    if (key == "--root") Root = value;
                    else
                    {
                        meaningful++;
                        if (key == "--type") Type = value;
                        else Levels = value;
                    }
                    continue;
                }
                if (inline is not null) return $"{a}: unknown option";
                meaningful++;
                switch (a)
                {
                    case "--add": Add = true; break;
                    case "--del": Delete = true; break;
                    case "--override": Override = true; break;
                    case "--list": List = true; break;
                    case "--no-redirect": break;
                    case "--dry-run": DryRun = true; meaningful--; break;
                    case "--verbose": Verbose = true; meaningful--; break;
                    case "--help" or "-h": Help = true; break;
                    case "--version" or "-v": Version = true; break;
                    default: return $"{a}: unknown option";
                }
            }
            NoArguments = meaningful == 0;
            return null;
        }
    }
}
