using Personality.Core;
using Personality.Native;
using Personality.Pipeline;
using Personality.Services;
using Personality.Settings;
using Personality.Steps;

namespace Personality.Items.Services;

/// <summary>
/// Service toggles of both manifests, after putting back what earlier personalities changed and the
/// current ones do not ask for (<see cref="ServiceReconciliation"/>). Only services whose state differs get changed; when any
/// must change and the rc?.d directories are read-only, they are first copied to the scratch
/// area and bound writable (steps of their own, so the record shows it).
/// </summary>
public sealed class ServicesStage : IStage
{
    public StageName Name => StageName.Services;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var backend = Backend(run);
        if (backend is null) return [];
        var dialect = Dialect(run);
        var query = new ServiceQuery(run.Root);
        var toggles = new List<ServiceStep>();
        var holder = new Dictionary<Step, string>(ReferenceEqualityComparer.Instance);
        foreach (var v in run.Personalities.Volumes)
        {
            var services = v.Manifest.Services;
            foreach (var (entries, on) in new[] { (services.On, true), (services.Off, false) })
            {
                foreach (var entry in entries)
                {
                    if (run.Personalities.IsRejected(entry.Origin)) continue;
                    if (!query.Exists(entry.Name))
                    {
                        run.Diagnostics.Error($"service {entry.Name} does not exist in the image (no /etc/rc.d/init.d/{entry.Name} or /etc/xinetd.d/{entry.Name}); not toggled",
                            entry.Origin, "install it in the image, or fix the name");
                        continue;
                    }
                    var toggle = new ServiceStep(Name, entry.Name, entry.Origin, on, services.Levels, backend.Value, dialect.Dialect)
                        { DependsOn = [v.Mount], Note = dialect.StepNote };
                    toggles.Add(toggle);
                    holder[toggle] = v.Role == Manifests.Role.App ? run.Personalities.Name ?? "app" : "host";
                }
            }
        }
        // What earlier personalities changed and the current ones do not ask for goes back first.
        IReadOnlyList<ServiceStep> restores = [];
        PendingRecord<ChangedService>? pending = null;
        if (KeptChanges.Find(run) is { } kept)
            (restores, pending) = ServiceReconciliation.Plan(Name, (kept.GuestFile(ServiceChanges.FileName), kept.HostFile(ServiceChanges.FileName)),
                toggles, query, backend.Value, dialect, t => holder[t], run.Diagnostics);
        List<ServiceStep> all = [.. restores, .. toggles];
        if (!all.Any(t => query.LevelsToChange(t.Target, t.On, t.ServiceLevels) != 0))
        {
            if (pending is not null) run.Kept.Add(pending);
            return all;
        }

        var readOnly = ServiceBackends.LinkDirectories(run.Root).Append("/etc/xinetd.d")
            .Where(d => Directory.Exists(run.Root.Host(d)) && !SystemCalls.IsWritable(run.Root.Host(d)))
            .ToList();
        if (readOnly.Count == 0)
        {
            if (pending is not null) run.Kept.Add(pending);
            return all;
        }
        if (run.ScratchReady is null)
        {
            run.Diagnostics.Error($"{string.Join(", ", readOnly)} are read-only and there is no scratch area to make them writable; services are not toggled",
                Origin.Of("/etc/sysconfig/readonly-root"), "set READONLY=yes (or TEMPORARY_STATE=yes) so a scratch area exists");
            return [];
        }

        var origin = Origin.Of("read-only rc directories (services to toggle)");
        var prepare = new List<Step>();
        foreach (var dir in readOnly)
        {
            var resolved = run.Resolver.Resolve(dir, out _) ?? dir;
            var (copy, bind) = CopyThenBind.Plan(Name, origin, resolved, run.ScratchArea, run.Settings.SlaveMounts, [run.ScratchReady], durable: false);
            prepare.Add(copy);
            prepare.Add(bind);
        }
        var binds = prepare.OfType<BindStep>().ToList<Step>();
        var after = new Dictionary<Step, Step>(ReferenceEqualityComparer.Instance);
        foreach (var t in all) after[t] = t with { DependsOn = [.. t.DependsOn, .. binds] };
        if (pending is not null) run.Kept.Add(pending.Map(s => after[s]));
        return [.. prepare, .. all.Select(t => after[t])];
    }

    /// <summary>CHKCONFIG_COMPAT when it names a dialect, else the tree's release file: the same in boot and dry-run.</summary>
    private static ChosenDialect Dialect(RunContext run)
    {
        ChkconfigDialect? forced = run.Settings.ChkconfigCompat switch
        {
            ChkconfigCompatChoice.El5 => ChkconfigDialect.El5,
            ChkconfigCompatChoice.El6 => ChkconfigDialect.El6,
            ChkconfigCompatChoice.Current => ChkconfigDialect.Current,
            _ => null,
        };
        return ChkconfigDialects.Choose(forced, $"CHKCONFIG_COMPAT in {run.Settings.SourceOf("CHKCONFIG_COMPAT")}", run.Root);
    }

    /// <summary>SERVICES_BACKEND decides, the same in boot and dry-run; "chkconfig" without one is an error, not a switch.</summary>
    private static ServiceBackendKind? Backend(RunContext run)
    {
        var hasGuest = ServiceBackends.HasGuestChkconfig(run.Root);
        switch (run.Settings.ServicesBackend)
        {
            case ServicesBackendChoice.Native:
                return ServiceBackendKind.Native;
            case ServicesBackendChoice.Chkconfig when !hasGuest:
                if (run.Personalities.Volumes.Any(v => v.Manifest.Services.On.Count + v.Manifest.Services.Off.Count > 0))
                    run.Diagnostics.Error($"SERVICES_BACKEND=chkconfig but the image has no {GuestChkconfigBackend.GuestPath}; services are not toggled",
                        run.Settings.OriginOf("SERVICES_BACKEND", withValue: false), "install chkconfig in the image, or set SERVICES_BACKEND=auto or native");
                return null;
            case ServicesBackendChoice.Chkconfig:
                return ServiceBackendKind.GuestChkconfig;
            default:
                return hasGuest && (run.Root.IsLive || Environment.IsPrivilegedProcess) ? ServiceBackendKind.GuestChkconfig : ServiceBackendKind.Native;
        }
    }
}
