using Personality.Core;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Plan.ReadOnlyRoot;

/// <summary>
/// State the initramfs handed over (/run/initramfs/state/*), copied into the scratch area over the
/// rwtab copies. Red Hat copies it after binding; copying it before the binds gives the same view
/// and a bound file then always shows its final content (a rename after binding would hide it).
/// </summary>
public static class InitramfsState
{
    public const string StateDir = "/run/initramfs/state";

    public static IReadOnlyList<Step> Copies(RunContext run, StageName stage, Step scratchReady)
    {
        var hostDir = run.Root.Host(StateDir);
        if (!Directory.Exists(hostDir)) return [];
        var names = Directory.EnumerateFileSystemEntries(hostDir).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        return names
            .Select(name => (Step)new CopyStep(stage, Origin.Of(StateDir), $"{StateDir}/{name}", run.ScratchArea, "/" + name, CopyMode.Full)
            {
                Source = $"{StateDir}/{name}",
                DependsOn = [scratchReady],
                Durable = false,
                // Once per boot: a scratch area an earlier run set up has it already.
                OnlyWhenNew = scratchReady,
            })
            .ToList();
    }
}
