using Personality.Apply.Copying;
using Personality.Apply.Steps;
using Personality.Core;

namespace Personality.Plan.ReadOnlyRoot;

/// <summary>State the initramfs handed over (/run/initramfs/state/*) is copied into the scratch area, after the binds.</summary>
public static class InitramfsStatePlanner
{
    public const string Stage = "initramfs-state";
    public const string StateDir = "/run/initramfs/state";

    public static IReadOnlyList<Step> Plan(PlanContext context, Step scratchReady)
    {
        var hostDir = context.Root.Host(StateDir);
        if (!Directory.Exists(hostDir)) return [];
        var scratch = context.ScratchArea;
        var names = Directory.EnumerateFileSystemEntries(hostDir).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        return names
            .Select(name => (Step)new CopyStep(Stage, Origin.Of(StateDir), $"{StateDir}/{name}", scratch, "/" + name, CopyMode.Full)
            {
                Source = $"{StateDir}/{name}",
                DependsOn = [scratchReady],
                Durable = false,
            })
            .ToList();
    }
}
