using Personality.Core;
using Personality.Pipeline;
using Personality.Plan.ReadOnlyRoot;
using Personality.Plan.Tables;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>
/// rwtab entries and the initramfs hand-off: each existing path is copied into the scratch area,
/// the initramfs state is copied over them, then only the outermost entries are bound (an inner
/// entry shows through its parent's bind), as upstream does; the first entry naming a path is
/// the bind's origin.
/// </summary>
public sealed class RwtabStage : IStage
{
    public StageName Name => StageName.Rwtab;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        if (!run.Settings.ReadOnlyRoot || run.ScratchReady is not { } scratchReady) return [];
        var scratch = run.ScratchArea;
        var steps = new List<Step>();
        var copies = new List<CopyStep>();
        var entries = RwtabEntries.Read(run.Root, run.Diagnostics);
        foreach (var entry in entries)
        {
            var resolved = run.Resolver.Resolve(entry.Path, out var problem);
            if (resolved is null)
            {
                steps.Add(new SkippedStep(Name, StepKind.Copy, entry.Path, entry.Origin, problem ?? "does not exist"));
                continue;
            }
            if (resolved == "/" || GuestPath.IsAtOrBelow(scratch, resolved) || GuestPath.IsAtOrBelow(resolved, scratch))
            {
                run.Diagnostics.Warn($"rwtab entry {entry.Path} overlaps the scratch area {scratch}; entry ignored", entry.Origin,
                    "remove the line, or move RW_MOUNT");
                continue;
            }
            var copy = new CopyStep(Name, entry.Origin, resolved, scratch, resolved, ModeOf(entry.Kind))
            {
                Source = resolved,
                Note = resolved == entry.Path ? null : $"followed symlink {entry.Path} -> {resolved}",
                DependsOn = [scratchReady],
                Durable = false,
            };
            copies.Add(copy);
            steps.Add(copy);
        }

        // Each copy knows the bind that will show it: its outermost entry ancestor, or itself.
        var entryPaths = new HashSet<string>(copies.Select(c => c.From), StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
            if (steps[i] is CopyStep copy)
                steps[i] = copy with { ShownAt = OutermostAncestor(copy.From, entryPaths) ?? copy.From };
        var shown = steps.OfType<CopyStep>().ToList();
        steps.AddRange(InitramfsState.Copies(run, Name, scratchReady));

        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var copy in shown)
            if (copy.ShownAt == copy.From && bound.Add(copy.From))
                steps.Add(CopyThenBind.BindOf(copy, Name, run.Settings.SlaveMounts));
        return steps;
    }

    /// <summary>The highest strict ancestor of a path that is itself an entry, or null. Walks up: linear in entries.</summary>
    private static string? OutermostAncestor(string path, IReadOnlySet<string> entries)
    {
        string? outermost = null;
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            var ancestor = path[..slash];
            if (entries.Contains(ancestor)) outermost = ancestor;
        }
        return outermost;
    }

    private static CopyMode ModeOf(RwtabKind kind) => kind switch
    {
        RwtabKind.Files => CopyMode.Full,
        RwtabKind.Dirs => CopyMode.DirectoriesOnly,
        _ => CopyMode.Single,
    };
}
