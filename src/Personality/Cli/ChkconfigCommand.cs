using Personality.Core;
using Personality.Services;
using Personality.Settings;

namespace Personality.Cli;

/// <summary>
/// `personality chkconfig [--root DIR] ARGS...`: chkconfig's command line, output and exit codes,
/// carried out by the native engine on any tree (a live guest, an unpacked image, a test tree),
/// as the tree's own chkconfig: CentOS 5's, CentOS 6's or current upstream's (--compat, else
/// CHKCONFIG_COMPAT in the tree's settings, else its release file).
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
          --compat DIALECT  behave as the chkconfig of el5 (CentOS 5, 1.3.30), el6 (CentOS 6,
                            1.3.49) or current (1.33); default auto: CHKCONFIG_COMPAT in the
                            tree's /etc/sysconfig/personality, else /etc/redhat-release
          --dry-run         print the changes a command would make, change nothing
                            (and, on stderr, which chkconfig's rules are used and why)
          --verbose         print each change made (and the rules, as --dry-run)
          -v, --version     print the version
          -h, --help        show this help

        Exit status: 0 on success, or when a queried service is on; 1 otherwise (unknown
        service, script without a chkconfig header, usage error of chkconfig's own options);
        64 for a bad --root or --compat, which chkconfig has not. See docs/chkconfig.md.
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, ChkconfigEngine.EnvironmentLang);

    /// <summary>The command with its output streams and LANG given (the conformance tests run it in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? lang)
    {
        // Which chkconfig's command line applies depends on --root and --compat, so read those first.
        var first = new Options();
        first.Parse(args, ChkconfigRules.Current);
        // chkconfig has no --root or --compat: a mistake there breaks no chkconfig script, so they get our convention.
        if (first.RootMissing) return UsageError.Report(stderr, "chkconfig", "--root needs a directory");
        var root = new TargetRoot(first.Root ?? "/");
        if (Choose(first.Compat, root) is not { } dialect)
            return UsageError.Report(stderr, "chkconfig", $"--compat {first.Compat}: must be el5, el6, current or auto");
        var rules = dialect.Rules;

        var o = new Options();
        o.Parse(args, rules);
        if (o.Problem is not null)
        {
            stderr.WriteLine(o.Problem);
            return 1;
        }
        if (o.Version)
        {
            stdout.WriteLine($"chkconfig version {Program.Version} (personality native engine, as {dialect.Describe()})");
            return 0;
        }
        if (o.Help) { stdout.WriteLine(Help); return 0; }
        if (o.NoArguments && !rules.NoArgumentsLists) return Usage(stderr);

        var types = ServiceTypes.Any;
        if (o.Type is not null)
        {
            types = o.Type switch { "xinetd" => ServiceTypes.Xinetd, "sysv" => ServiceTypes.InitScript, _ => 0 };
            if (types == 0) { stderr.WriteLine("--type must be 'sysv' or 'xinetd'"); return 1; }
        }
        if ((o.List ? 1 : 0) + (o.Add ? 1 : 0) + (o.Delete ? 1 : 0) + (o.Override ? 1 : 0) > 1)
        {
            stderr.WriteLine(rules.ExclusiveCommandsMessage);
            return 1;
        }
        if (!Directory.Exists(root.Directory))
            return UsageError.Report(stderr, "chkconfig", $"--root {root.Directory} is not a directory");
        if (o.DryRun || o.Verbose) stderr.WriteLine($"personality chkconfig: rules of {dialect.Describe()}");
        var engine = new ChkconfigEngine(root, lang, dialect.Dialect) { DryRun = o.DryRun };
        var names = o.Positional;
        var report = new Reporter(stdout, stderr, o);

        if (o.Add || o.Delete || o.Override)
        {
            if (names.Count != 1 || names[0].Length == 0) return Usage(stderr);
            // chkconfig 1.3.30 takes the argument as it is: "/etc/init.d/sshd" names no service.
            var name = rules.NameIsBaseName ? ServiceNames.BaseName(names[0]) : names[0];
            return report.Show(o.Add ? engine.Add(name, types) : o.Delete ? engine.Delete(name, types) : engine.Override(name, types));
        }
        if (o.List || o.NoArguments)
        {
            if (names.Count > 1) return Usage(stderr);
            return report.Show(engine.List(names.Count == 1 ? names[0] : null, types));
        }

        if (names.Count == 0) return Usage(stderr);
        var where = 0;
        if (o.Levels is not null && (where = RunLevels.Parse(o.Levels)) < 0) return Usage(stderr);
        if (names.Count == 1)
        {
            int level;
            if (where != 0)
            {
                if (int.PopCount(where) > 1)
                {
                    stderr.WriteLine("only one runlevel may be specified for a chkconfig query");
                    return 1;
                }
                level = int.TrailingZeroCount(where);
            }
            else level = DefaultRunlevel.For(root, live: o.Root is null);
            return report.Show(engine.Query(names[0], level, types));
        }
        ServiceState? state = names[1] switch
        {
            "on" => ServiceState.On,
            "off" => ServiceState.Off,
            "reset" => ServiceState.Reset,
            "resetpriorities" => ServiceState.ResetPriorities,
            _ => null,
        };
        return state is null ? Usage(stderr) : report.Show(engine.Set(names[0], state.Value, where, types));
    }

    /// <summary>--compat's dialect; without it (or "auto") the tree's; null for a word that names none.</summary>
    private static ChosenDialect? Choose(string? compat, TargetRoot root)
    {
        if (compat is not null && !compat.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return ChkconfigDialectNames.TryParse(compat, out var forced) ? new ChosenDialect(forced, "--compat") : null;
        return Directory.Exists(root.Directory) ? FromTree(root) : new ChosenDialect(ChkconfigDialect.Current, "default");
    }

    /// <summary>CHKCONFIG_COMPAT from the tree's settings files when it names a dialect, else the tree's release file.</summary>
    private static ChosenDialect FromTree(TargetRoot root)
    {
        var setting = SettingsLoader.Load(root, "", new Diagnostics())["CHKCONFIG_COMPAT"];
        return ChkconfigDialects.Choose(ChkconfigDialectNames.TryParse(setting.Value, out var d) ? d : null,
            $"CHKCONFIG_COMPAT in {setting.Source}", root);
    }

    private sealed class Reporter(TextWriter stdout, TextWriter stderr, Options o)
    {
        public int Show(ChkconfigOutcome outcome)
        {
            stdout.Write(outcome.Stdout);
            stderr.Write(outcome.Stderr);
            if (o.DryRun || o.Verbose)
                foreach (var change in outcome.Changes)
                    stdout.WriteLine(o.DryRun ? "would have " + change : change.ToString());
            stdout.Flush();
            return outcome.ExitCode;
        }
    }

    private static int Usage(TextWriter stderr)
    {
        stderr.WriteLine(Help);
        return 1;
    }

    /// <summary>
    /// chkconfig's options (popt: anywhere on the line, --opt VALUE or --opt=VALUE) as the
    /// dialect has them, plus ours: --root, --compat, --dry-run, --verbose.
    /// </summary>
    private sealed class Options
    {
        public string? Root, Levels, Type, Compat;
        public bool Add, Delete, Override, List, Help, Version, DryRun, Verbose, NoArguments;
        /// <summary>--root came last, without its directory.</summary>
        public bool RootMissing;
        public List<string> Positional { get; } = [];

        /// <summary>The first problem, as popt reports it ("--bogus: unknown option"); null when there is none.</summary>
        public string? Problem { get; private set; }

        /// <summary>Reads every argument (after a problem too, so that --root and --compat are always known).</summary>
        public void Parse(string[] args, ChkconfigRules rules)
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
                if (!Exists(key, rules)) { Fail($"{a}: unknown option"); continue; }
                if (key is "--root" or "--compat" or "--level" or "--levels" or "--type")
                {
                    var value = inline;
                    if (value is null)
                    {
                        if (i + 1 >= args.Length)
                        {
                            RootMissing = key == "--root";
                            Fail($"{key}: missing argument");
                            continue;
                        }
                        value = args[++i];
                    }
                    if (key == "--root") Root = value;
                    else if (key == "--compat") Compat = value;
                    else
                    {
                        meaningful++;
                        if (key == "--type") Type = value;
                        else Levels = value;
                    }
                    continue;
                }
                if (inline is not null) { Fail($"{a}: unknown option"); continue; }
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
                    default: Fail($"{a}: unknown option"); break;
                }
            }
            NoArguments = meaningful == 0;
        }

        private void Fail(string problem) => Problem ??= problem;

        // The options some chkconfigs do not have; popt calls them unknown there.
        private static bool Exists(string key, ChkconfigRules rules) => key switch
        {
            "--type" => rules.TypeOption,
            "--override" => rules.OverrideOption,
            "--no-redirect" => rules.NoRedirectOption,
            _ => true,
        };
    }
}
