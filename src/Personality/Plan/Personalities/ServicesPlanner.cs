using Personality.Apply.Copying;
using Personality.Apply.Steps;
using Personality.Core;
using Personality.Native;
using Personality.Ownership;
using Personality.Services;

namespace Personality.Plan.Personalities;

/// <summary>
/// Service toggles of both manifests. Only services whose state differs get changed; when any
/// must change and the rc?.d directories are read-only, they are first copied to the scratch
/// area and bound writable (steps of their own, so the record shows it).
/// </summary>
public static class ServicesPlanner
{
    public const string Stage = "services";

    public static IReadOnlyList<Step> Plan(PlanContext context, IReadOnlyList<ConfigVolume> volumes, IReadOnlySet<Claim> rejected)
    {
        var backend = Backend(context);
        var toggles = new List<ServiceStep>();
        foreach (var v in volumes)
        {
            var services = v.Manifest.Services;
            foreach (var (entries, on) in new[] { (services.On, true), (services.Off, false) })
            {
                foreach (var entry in entries)
                {
                    if (rejected.Contains(Claims.OfService(v, entry))) continue;
                    if (!backend.Exists(entry.Name))
                    {
                        context.Diagnostics.Error($"service {entry.Name} does not exist in the image (no /etc/rc.d/init.d/{entry.Name} or /etc/xinetd.d/{entry.Name}); not toggled",
                            entry.Origin, "install it in the image, or fix the name");
                        continue;
                    }
                    toggles.Add(new ServiceStep(Stage, entry.Name, entry.Origin, on, services.Levels, backend) { DependsOn = [v.Mount] });
                }
            }
        }
        if (!toggles.Any(t => t.NeedsChange())) return toggles;

        var readOnly = ServiceBackends.LinkDirectories(context.Root).Append("/etc/xinetd.d")
            .Where(d => Directory.Exists(context.Root.Host(d)) && !SystemCalls.IsWritable(context.Root.Host(d)))
            .ToList();
        if (readOnly.Count == 0) return toggles;
        if (context.ScratchReady is null)
        {
            context.Diagnostics.Error($"{string.Join(", ", readOnly)} are read-only and there is no scratch area to make them writable; services are not toggled",
                Origin.Of("/etc/sysconfig/readonly-root"), "set READONLY=yes (or TEMPORARY_STATE=yes) so a scratch area exists");
            return [];
        }

        var origin = Origin.Of("read-only rc directories (services to toggle)");
        var scratch = context.ScratchArea;
        var prepare = new List<Step>();
        foreach (var dir in readOnly)
        {
            var resolved = context.Resolver.Resolve(dir, out _) ?? dir;
            var copy = new CopyStep(Stage, origin, resolved, scratch, resolved, CopyMode.Full)
            {
                Source = resolved, Durable = false, DependsOn = [context.ScratchReady],
            };
            var bind = new BindStep(Stage, resolved, origin, context.Settings.IsNotFalse("SLAVE_MOUNTS")) { Source = scratch + resolved, DependsOn = [copy] };
            copy.ShownBy = bind;
            prepare.Add(copy);
            prepare.Add(bind);
        }
        var binds = prepare.OfType<BindStep>().ToList<Step>();
        return [.. prepare, .. toggles.Select(t => new ServiceStep(Stage, t.Target, t.Origin, t.On, t.Levels, backend) { DependsOn = [.. t.DependsOn, .. binds] })];
    }

    private static IServiceBackend Backend(PlanContext context)
    {
        var choice = context.Settings.Value("SERVICES_BACKEND");
        // A dry run never executes the guest's chkconfig: the native engine answers the same questions.
        if (context.DryRun || choice == "native") return new NativeServiceBackend(context.Root);
        return ServiceBackends.For(context.Root, preferGuest: true);
    }
}
