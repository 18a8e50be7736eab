using Personality.Core;
using Personality.Manifests;
using Personality.Ownership;

namespace Personality.Plan.Personalities;

/// <summary>
/// Gives the guest its personality: mounts the host and app volumes, reads their manifests,
/// checks every claim against the image's ownership policy, then applies hostname, mounts,
/// state, files, services and hooks, in that order.
/// </summary>
public static class PersonalityStage
{
    public const string OwnershipFile = "/etc/personality/ownership.yaml";

    public static void Run(PlanContext context, IStepRunner runner, List<Step> record)
    {
        void Run(IEnumerable<Step> steps)
        {
            var list = steps.ToList();
            record.AddRange(list);
            runner.Run(list);
        }

        var volumes = ConfigVolumePlanner.MountAndRead(context, runner, record);
        if (volumes.Count == 0) return;
        context.PersonalityName = volumes.FirstOrDefault(v => v.Role == Role.App)?.Manifest.Personality;

        var policy = Policy(context);
        var rejected = policy.Check(Claims.Collect(volumes), context.Diagnostics);
        var items = new ItemPlanner(context, rejected);

        Run(volumes.SelectMany(items.Hostname));
        Run(volumes.SelectMany(items.Mounts));
        Run(volumes.SelectMany(items.State));
        Run(volumes.SelectMany(items.Files));
        Run(ServicesPlanner.Plan(context, volumes, rejected));
        Run(volumes.SelectMany(items.Hooks));
    }

    /// <summary>The image's ownership policy; the built-in default when it has none, or when its file is broken.</summary>
    private static OwnershipPolicy Policy(PlanContext context)
    {
        var file = context.Root.Host(OwnershipFile);
        if (!File.Exists(file)) return OwnershipPolicy.Default;
        var policy = OwnershipPolicy.Read(file, OwnershipFile, context.Diagnostics);
        if (policy is not null) return policy;
        context.Diagnostics.Error($"{OwnershipFile} is invalid; the built-in ownership policy is used instead", Origin.Of(OwnershipFile),
            "fix the errors above, or remove the file to use the built-in policy on purpose");
        return OwnershipPolicy.Default;
    }
}
