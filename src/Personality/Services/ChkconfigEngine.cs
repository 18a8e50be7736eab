using System.Text;
using Personality.Core;
using Personality.Files;
using Personality.Native;

namespace Personality.Services;

/// <summary>
/// chkconfig's commands, reproduced against a target root (the native engine). Each command
/// reads the tree, does what chkconfig does step by step on an in-memory
/// <see cref="LinkFarm"/>, then writes only the differences (none in a <see cref="DryRun"/>).
/// Output, exit codes and the resulting links are chkconfig's; docs/chkconfig.md lists the few
/// places where it deliberately differs. <paramref name="dialect"/> says which chkconfig:
/// CentOS 5's, CentOS 6's or current upstream's (<see cref="ChkconfigRules"/>).
/// </summary>
public sealed class ChkconfigEngine(TargetRoot root, string? lang = null, ChkconfigDialect dialect = ChkconfigDialect.Current)
{
    private readonly ChkconfigRules _rules = ChkconfigRules.For(dialect);

    /// <summary>Compute the changes without writing them.</summary>
    public bool DryRun { get; init; }

    /// <summary>LANG as chkconfig reads it, for <c># description(LANG):</c> lines.</summary>
    public static string? EnvironmentLang => Environment.GetEnvironmentVariable("LANG");

    /// <summary><c>chkconfig --add NAME</c>.</summary>
    public ChkconfigOutcome Add(string name, ServiceTypes types = ServiceTypes.Any) => Run(run =>
    {
        var s = run.ReadOrExit(name, types);
        if (s.Type == ServiceTypes.Xinetd) return 0;
        run.CheckRoot();
        if (s.IsLsb)
        {
            if (!Enumerable.Range(0, RunLevels.Count).Any(level => run.Farm.IsConfigured(s.Name, level)))
                s.CurrentLevels = s.Levels;
            run.Resolver.Resolve(s);
            return 0;
        }
        for (var level = 0; level < RunLevels.Count; level++)
            if (!run.Farm.IsConfigured(s.Name, level))
                run.SetLink(s, level, RunLevels.Contains(s.Levels, level));
        return 0;
    });

    /// <summary><c>chkconfig --del NAME</c>: removes its links at every level.</summary>
    public ChkconfigOutcome Delete(string name, ServiceTypes types = ServiceTypes.Any) => Run(run =>
    {
        var s = run.ReadOrExit(name, types);
        if (s.Type == ServiceTypes.Xinetd) return 0;
        run.CheckRoot();
        for (var level = 0; level < RunLevels.Count; level++)
            run.Farm.Remove(s.Name, level);
        return 0;
    });

    /// <summary>
    /// <c>chkconfig --override NAME</c>: applies /etc/chkconfig.d/NAME, but only when the links
    /// are still exactly what the script's own header gives. Always exit 0, as chkconfig.
    /// </summary>
    public ChkconfigOutcome Override(string name, ServiceTypes types = ServiceTypes.Any) => Run(run =>
    {
        if (!types.HasFlag(ServiceTypes.InitScript) || !run.Catalog.ReadDifferences(name, out var s, out var o)) return 0;
        run.CheckRoot();
        if (s!.Levels == o!.Levels && s.StopPriority == o.StopPriority && s.StartPriority == o.StartPriority) return 0;
        if (s.IsLsb && s.StartPriority <= -1 && s.StopPriority >= 100) run.Resolver.Resolve(s);
        if ((s.IsLsb || o.IsLsb) && o.StartPriority <= -1 && o.StopPriority >= 100) run.Resolver.Resolve(o);
        if (o.StartPriority < 0 || o.StopPriority > 99)
        {
            // No priorities anywhere in the override: keep the header's (chkconfig would make "S-1name").
            o.StartPriority = s.StartPriority;
            o.StopPriority = s.StopPriority;
        }

        var configured = false;
        for (var level = 0; level < RunLevels.Count; level++)
        {
            if (!run.Farm.IsConfigured(name, level, out var type, out var priority, out _)) continue;
            configured = true;
            var defaultOn = RunLevels.Contains(s.Levels, level);
            if (type == 'S' ? priority != s.StartPriority || !defaultOn : priority != s.StopPriority || defaultOn)
                return 0; // changed since it was added: leave it alone
        }
        if (!configured) return 0;
        for (var level = 0; level < RunLevels.Count; level++)
            run.SetLink(o, level, RunLevels.Contains(o.Levels, level));
        return 0;
    });

    /// <summary>
    /// <c>chkconfig [--level LEVELS] NAME on|off|reset|resetpriorities</c>. <paramref name="levels"/>
    /// is a bit set; 0 means chkconfig's default (2345 for on/off, every level otherwise).
    /// </summary>
    public ChkconfigOutcome Set(string name, ServiceState state, int levels = 0, ServiceTypes types = ServiceTypes.Any) => Run(run =>
    {
        var where = levels != 0 ? levels : state switch
        {
            ServiceState.On or ServiceState.Off => RunLevels.Default,
            ServiceState.ResetPriorities => _rules.ResetPrioritiesDefaultLevels,
            _ => RunLevels.All,
        };
        var s = run.ReadOrExit(name, types);
        run.CheckRoot();
        if (s.Type == ServiceTypes.Xinetd)
        {
            // chkconfig hands resetpriorities' state (-2) on as "on".
            var on = state switch { ServiceState.Off => false, ServiceState.Reset => s.XinetdEnabled, _ => true };
            run.SetXinetd(s.Name, on);
            return 0;
        }

        switch (state)
        {
            case ServiceState.Reset:
                s.CurrentLevels = s.Levels;
                break;
            case ServiceState.On or ServiceState.Off:
                for (var level = 0; level < RunLevels.Count; level++)
                {
                    if (!RunLevels.Contains(where, level)) continue;
                    // chkconfig's own expression for "off": it sets every other bit, not clears this one,
                    // so dependencies are ignored when the priorities of a service being turned off are
                    // recomputed. Reproduced because the links come out of it.
                    s.CurrentLevels |= state == ServiceState.On ? 1 << level : ~(1 << level);
                }
                break;
        }
        if (s.IsLsb) run.Resolver.Resolve(s);

        var rc = 0;
        for (var level = 0; level < RunLevels.Count; level++)
        {
            if (!RunLevels.Contains(where, level)) continue;
            var on = state switch
            {
                ServiceState.On => true,
                ServiceState.Off => false,
                ServiceState.ResetPriorities => run.Farm.IsOn(s.Name, level),
                _ => RunLevels.Contains(s.Levels, level),
            };
            if (!run.SetLink(s, level, on)) rc = 1;
        }
        return rc;
    });

    /// <summary><c>chkconfig [--level N] NAME</c>: exit 0 when NAME is on at <paramref name="level"/>, else 1, silently.</summary>
    public ChkconfigOutcome Query(string name, int level, ServiceTypes types = ServiceTypes.Any) => Run(run =>
    {
        if (!ServiceNames.IsValid(name) || run.Catalog.Read(name, types, out var s) != ServiceCatalog.ReadStatus.Ok) return 1;
        if (s!.Type == ServiceTypes.Xinetd)
        {
            var xinetdOn = _rules.XinetdQueryAtQueriedLevel ? level is >= 0 and < RunLevels.Count && run.Farm.IsOn("xinetd", level) : run.XinetdEnabled();
            return xinetdOn && s.Levels != 0 ? 0 : 1;
        }
        return level is >= 0 and < RunLevels.Count && RunLevels.Contains(s.CurrentLevels, level) ? 0 : 1;
    });

    /// <summary><c>chkconfig --list [NAME]</c>.</summary>
    public ChkconfigOutcome List(string? name = null, ServiceTypes types = ServiceTypes.Any) => Run(run =>
    {
        var systemd = _rules.SystemdAware ? new SystemdPresence(root) : null;
        if (systemd is { HasUnitDirectory: true, IsInit: true })
            run.Err.Append("\nNote: only SysV services are listed here; native systemd services are not, and systemd's own\n")
                .Append("      configuration may override what is shown. 'systemctl list-unit-files' lists them.\n\n");
        if (name is not null) return ListOne(run, systemd, name, types);

        if (types.HasFlag(ServiceTypes.InitScript))
        {
            if (_rules.ListReportsUnreadableScripts)
                foreach (var unreadable in run.Catalog.UnresolvableInitScriptNames())
                    run.Err.Append($"error reading info for service {unreadable}: No such file or directory\n");
            var active = systemd?.IsActive == true;
            foreach (var s in run.Catalog.ReadAll())
            {
                if (active && systemd!.HasNativeUnit(s.Name)) continue;
                if (HasLinks(run, s.Name)) WriteLevels(run.Out, s.Name, run.Farm);
            }
        }
        if (types.HasFlag(ServiceTypes.Xinetd) && run.XinetdEnabled())
        {
            run.Out.Append("\nxinetd based services:\n");
            if (run.Catalog.Layout.HostDirectory(ServiceLayout.XinetdDirectory) is null)
            {
                // chkconfig prints strerror of a variable it never sets.
                run.Err.Append($"failed to open directory {ServiceLayout.XinetdDirectory}: Success\n");
                return 1;
            }
            foreach (var x in run.Catalog.XinetdNames())
                if (run.Catalog.ReadXinetd(x) is { } s)
                    run.Out.Append('\t').Append((x + ":").PadRight(15)).Append('\t').Append(s.Levels != 0 ? "on" : "off").Append('\n');
        }
        return 0;
    });

    private static int ListOne(RunContext run, SystemdPresence? systemd, string name, ServiceTypes types)
    {
        if (systemd is { IsActive: true } && systemd.HasNativeUnit(name) && !types.HasFlag(ServiceTypes.Xinetd)) return 1;
        var s = run.ReadOrExit(name, types);
        if (s.Type == ServiceTypes.Xinetd)
        {
            run.Out.Append(name.PadRight(15)).Append('\t').Append(s.Levels != 0 ? "on" : "off").Append('\n');
            return 0;
        }
        if (!HasLinks(run, name))
        {
            run.Err.Append($"service {name} supports chkconfig, but is not referenced in any runlevel (run 'chkconfig --add {name}')\n");
            return 1;
        }
        WriteLevels(run.Out, name, run.Farm);
        return 0;
    }

    private static bool HasLinks(RunContext run, string name) =>
        Enumerable.Range(0, RunLevels.Count).Any(level => run.Farm.IsConfigured(name, level));

    // "%-15s" then "\t%d:on|off" for levels 0-6.
    private static void WriteLevels(StringBuilder output, string name, LinkFarm farm)
    {
        output.Append(name.PadRight(15));
        for (var level = 0; level < RunLevels.Count; level++)
            output.Append('\t').Append((char)('0' + level)).Append(':').Append(farm.IsOn(name, level) ? "on" : "off");
        output.Append('\n');
    }

    private ChkconfigOutcome Run(Func<RunContext, int> command)
    {
        var run = new RunContext(root, lang, _rules);
        int code;
        try
        {
            code = command(run);
        }
        catch (ExitException e)
        {
            code = e.Code;
        }
        var changes = run.Changes();
        if (!DryRun)
        {
            try
            {
                run.Apply();
            }
            catch (ServiceException e)
            {
                run.Err.Append(e.Message).Append('\n');
                code = 1;
            }
        }
        return new ChkconfigOutcome(code, run.Out.ToString(), run.Err.ToString(), changes);
    }

    /// <summary>chkconfig calls exit() in the middle of things; this carries the code out.</summary>
    private sealed class ExitException(int code) : Exception
    {
        public int Code { get; } = code;
    }

    /// <summary>Everything one command works on.</summary>
    private sealed class RunContext
    {
        private readonly SortedDictionary<string, (string Guest, string Before, string After, bool On)> _xinetd = new(StringComparer.Ordinal);

        private readonly ChkconfigRules _rules;

        public RunContext(TargetRoot root, string? lang, ChkconfigRules rules)
        {
            _rules = rules;
            Layout = new ServiceLayout(root);
            Farm = new LinkFarm(Layout);
            Catalog = new ServiceCatalog(Layout, Farm, lang, rules);
            Resolver = new PriorityResolver(Catalog, Farm, problem => Err.Append(problem).Append('\n'), rules);
        }

        public ServiceLayout Layout { get; }
        public LinkFarm Farm { get; }
        public ServiceCatalog Catalog { get; }
        public PriorityResolver Resolver { get; }
        public StringBuilder Out { get; } = new();
        public StringBuilder Err { get; } = new();

        /// <summary>readServiceInfo followed by readServiceError: prints chkconfig's message and exits 1.</summary>
        public ServiceInfo ReadOrExit(string name, ServiceTypes types)
        {
            ServiceInfo? s = null;
            var status = ServiceNames.IsValid(name) ? Catalog.Read(name, types, out s) : ServiceCatalog.ReadStatus.Missing;
            switch (status)
            {
                case ServiceCatalog.ReadStatus.Ok:
                    return s!;
                case ServiceCatalog.ReadStatus.NotSupported:
                    Err.Append($"service {name} does not support chkconfig\n");
                    break;
                case ServiceCatalog.ReadStatus.Directory:
                    Err.Append($"error reading information on service {name}: No such device\n");
                    break;
                default:
                    Err.Append($"error reading information on service {name}: No such file or directory\n");
                    break;
            }
            throw new ExitException(1);
        }

        /// <summary>chkconfig (since 1.3.3x) refuses to change anything when it cannot use rc3.d.</summary>
        public void CheckRoot()
        {
            if (!_rules.RefusesWithoutRc3 || Layout.RcDirectory(3) is not null) return;
            Err.Append("You do not have enough privileges to perform this operation.\n");
            throw new ExitException(1);
        }

        public bool SetLink(ServiceInfo s, int level, bool on)
        {
            var problem = Farm.Set(s.Name, level, on, on ? s.StartPriority : s.StopPriority);
            if (problem is null) return true;
            Err.Append(problem).Append('\n');
            return false;
        }

        /// <summary>The xinetd section of --list appears only when the xinetd init script is on somewhere.</summary>
        public bool XinetdEnabled() =>
            Catalog.Read("xinetd", ServiceTypes.InitScript, out var s) == ServiceCatalog.ReadStatus.Ok && s!.CurrentLevels != 0;

        public void SetXinetd(string name, bool on)
        {
            var guest = ServiceLayout.XinetdDirectory + "/" + name;
            var host = Layout.XinetdFile(name)!;
            var before = _xinetd.TryGetValue(host, out var pending) ? pending.After : XinetdConfig.Bytes.GetString(File.ReadAllBytes(host));
            var original = pending.Before ?? before;
            _xinetd[host] = (guest, original, XinetdConfig.Rewrite(before, on), on);
        }

        public List<ServiceChange> Changes()
        {
            var changes = new List<ServiceChange>(Farm.Changes());
            foreach (var (_, x) in _xinetd)
                if (x.Before != x.After)
                    changes.Add(new ServiceChange(ServiceChangeKind.XinetdRewritten, x.Guest, $"disable = {(x.On ? "no" : "yes")}"));
            return changes;
        }

        public void Apply()
        {
            Farm.Apply();
            foreach (var (host, x) in _xinetd.ToList())
            {
                if (x.Before == x.After) continue;
                ReplaceFile(host, XinetdConfig.Bytes.GetBytes(x.After), x.Guest);
                _xinetd[host] = x with { Before = x.After };
            }
        }

        // Written beside the original with its mode and owner, then renamed over it (a chown that fails is a failure).
        private static void ReplaceFile(string host, byte[] content, string guest)
        {
            try
            {
                var status = FileCalls.LStat(host);
                AtomicFile.Write(host, content, status.Permissions, (status.Uid, status.Gid));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ServiceException($"cannot rewrite {guest}: {e.Message}");
            }
        }
    }
}
