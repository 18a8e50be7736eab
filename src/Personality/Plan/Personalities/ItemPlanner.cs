using Personality.Apply.Copying;
using Personality.Apply.Mounts;
using Personality.Apply.Steps;
using Personality.Core;
using Personality.Manifests;
using Personality.Ownership;

namespace Personality.Plan.Personalities;

/// <summary>
/// Turns the accepted items of the manifests into steps: mounts, state, files, hooks, hostname.
/// An item the ownership check rejected, or one with a plan-time problem, gets no step.
/// </summary>
public sealed class ItemPlanner(PlanContext context, IReadOnlySet<Claim> rejected)
{
    private readonly Accounts _accounts = Accounts.Read(context.Root);
    private bool Slave => context.Settings.IsNotFalse("SLAVE_MOUNTS");

    public IEnumerable<Step> Hostname(ConfigVolume v)
    {
        var m = v.Manifest;
        if (m.Hostname is null) yield break;
        var origin = m.HostnameOrigin ?? m.Origin;
        if (rejected.Contains(new Claim(m.Role, ClaimKind.Hostname, m.Hostname, origin))) yield break;
        yield return new HostnameStep("hostname", m.Hostname, origin) { DependsOn = [v.Mount] };
    }

    public IEnumerable<Step> Mounts(ConfigVolume v)
    {
        foreach (var entry in v.Manifest.Mounts)
        {
            if (rejected.Contains(Claims.OfMount(v, entry))) continue;
            var target = context.Resolver.Resolve(entry.Path, out var problem);
            if (target is null)
            {
                context.Diagnostics.Error($"mount point {entry.Path}: {problem}; the mount is not made", entry.Origin, "create the directory in the image");
                continue;
            }
            var found = context.FindLabel(entry.Label, entry.Origin);
            if (found.Volume is not { } volume)
            {
                if (found.Problem is null)
                    context.Diagnostics.Error($"no volume has the label {entry.Label}; {entry.Path} is not mounted", entry.Origin,
                        "attach the volume, or list the label in REQUIRED_LABELS to wait for it");
                continue;
            }
            context.UsedVolumes.Add(new Record.VolumeRecord("mount", volume.Label, volume.Device, volume.Uuid, volume.FsType, volume.AppearedMs, target));
            yield return new MountStep("mounts", target, entry.Origin, volume.Device, volume.FsType, MountOptions.Parse(string.Join(',', entry.Options)))
            {
                DependsOn = [v.Mount],
            };
        }
    }

    /// <summary>State kept on the config volume below state/: copied there on first use, then bound.</summary>
    public IEnumerable<Step> State(ConfigVolume v)
    {
        var area = v.Mount.Target + "/state";
        foreach (var entry in v.Manifest.State)
        {
            if (rejected.Contains(Claims.OfState(v, entry))) continue;
            var resolved = context.Resolver.Resolve(entry.Path, out var problem);
            if (resolved is null)
            {
                yield return new Skipped("state", "copy", entry.Path, entry.Origin, problem ?? "does not exist in the image");
                continue;
            }
            var copy = new CopyStep("state", entry.Origin, resolved, area, resolved, CopyMode.Full)
            {
                Source = resolved, OnlyIfMissing = true, DependsOn = [v.Mount],
            };
            var bind = new BindStep("state", resolved, entry.Origin, Slave) { Source = area + resolved, DependsOn = [copy] };
            copy.ShownBy = bind;
            yield return copy;
            yield return bind;
        }
    }

    public IEnumerable<Step> Files(ConfigVolume v)
    {
        foreach (var entry in v.Manifest.Files)
        {
            if (rejected.Contains(Claims.OfFile(v, entry))) continue;
            var source = VolumePaths.Resolve(v.Content, entry.Source, out var problem);
            if (source is not null && !File.Exists(source)) problem = $"'{entry.Source}' is not a regular file";
            if (problem is not null)
            {
                context.Diagnostics.Error($"files: {problem}; {entry.Path} is not placed", entry.Origin);
                continue;
            }
            (uint, uint)? owner = null;
            if (entry.Owner is not null)
            {
                owner = _accounts.Resolve(entry.Owner, out var ownerProblem);
                if (owner is null)
                {
                    context.Diagnostics.Error($"files: {ownerProblem}; {entry.Path} is not placed", entry.Origin, "use a user and group of the image, or numeric ids");
                    continue;
                }
            }
            var target = context.Resolver.ResolveForWrite(entry.Path);
            yield return new FilePlaceStep("files", target, entry.Origin, entry.How, entry.Mode, owner, Slave)
            {
                Source = v.GuestPath(entry.Source), DependsOn = [v.Mount],
            };
        }
    }

    public IEnumerable<Step> Hooks(ConfigVolume v)
    {
        foreach (var hook in v.Manifest.Hooks)
        {
            var script = VolumePaths.Resolve(v.Content, hook.Run, out var problem);
            if (script is not null)
            {
                if (!File.Exists(script)) problem = $"'{hook.Run}' is not a regular file";
                else if ((Native.FileCalls.LStat(script).Mode & 0x49) == 0) problem = $"'{hook.Run}' is not executable; chmod +x it on the volume";
            }
            if (problem is not null)
            {
                context.Diagnostics.Error($"hook: {problem}; it is not run", hook.Origin);
                continue;
            }
            var environment = new Dictionary<string, string>
            {
                ["PERSONALITY_ROLE"] = v.Role.ToString().ToLowerInvariant(),
                ["PERSONALITY_NAME"] = context.PersonalityName ?? "",
                ["PERSONALITY_VOLUME"] = v.Mount.Target,
            };
            yield return new HookStep("hooks", v.GuestPath(hook.Run), hook.Origin, hook.Timeout, environment) { DependsOn = [v.Mount] };
        }
    }
}
