using Personality.Native;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Items.Mounts;

/// <summary>
/// A manifest's `mounts`: volumes found by label, mounted on a directory of the image (resolved
/// inside the root). Always nosuid,nodev: a config volume cannot loosen that with its own options.
/// </summary>
public sealed class MountsStage : IStage
{
    public StageName Name => StageName.Mounts;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var steps = new List<Step>();
        foreach (var (v, entry) in run.Personalities.Accepted(m => m.Mounts))
        {
            var target = run.Resolver.Resolve(entry.Path, out var problem);
            if (target is null)
            {
                run.Diagnostics.Error($"mount point {entry.Path}: {problem}; the mount is not made", entry.Origin, "create the directory in the image");
                continue;
            }
            var loosening = entry.Options.Where(o => o is "suid" or "dev").ToList();
            if (loosening.Count > 0)
                run.Diagnostics.Warn($"mounts: option {string.Join(", ", loosening)} is not allowed from a config volume; {entry.Path} is mounted nosuid,nodev",
                    entry.Origin, "remove the option");
            var found = run.FindLabel(entry.Label, entry.Origin);
            if (found.Volume is not { } volume)
            {
                if (found.Problem is null)
                    run.Diagnostics.Error($"no volume has the label {entry.Label}; {entry.Path} is not mounted", entry.Origin,
                        "attach the volume, or list the label in REQUIRED_LABELS to wait for it");
                continue;
            }
            run.UseVolume("mount", volume, target);
            var options = MountOptions.Parse(string.Join(',', entry.Options)).With(MountCalls.MS_NOSUID | MountCalls.MS_NODEV);
            steps.Add(new MountStep(Name, target, entry.Origin, volume.Device, volume.FsType, options) { DependsOn = [v.Mount], RecheckTarget = true });
        }
        return steps;
    }
}
