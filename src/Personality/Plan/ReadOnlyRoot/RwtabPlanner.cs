using Personality.Apply.Copying;
using Personality.Apply.Steps;
using Personality.Core;
using Personality.Plan.Tables;

namespace Personality.Plan.ReadOnlyRoot;

/// <summary>
/// rwtab entries to steps: each existing path is copied into the scratch area, then only the
/// outermost entries are bound (an inner entry shows through its parent's bind), as upstream does.
/// </summary>
public static class RwtabPlanner
{
    public const string Stage = "rwtab";
    public const string InitramfsRwtab = "/run/initramfs/rwtab";
    public const string OldInitramfsRwtab = "/dev/.initramfs/rwtab";

    public static IReadOnlyList<Step> Plan(PlanContext context, Step scratchReady)
    {
        var scratch = context.ScratchArea;
        var slave = context.Settings.IsNotFalse("SLAVE_MOUNTS");
        var steps = new List<Step>();
        var copies = new List<CopyStep>();

        foreach (var entry in ReadEntries(context))
        {
            var resolved = context.Resolver.Resolve(entry.Path, out var problem);
            if (resolved is null)
            {
                steps.Add(new Skipped(Stage, "copy", entry.Path, entry.Origin, problem ?? "does not exist"));
                continue;
            }
            if (resolved == "/" || GuestPath.IsAtOrBelow(scratch, resolved) || GuestPath.IsAtOrBelow(resolved, scratch))
            {
                context.Diagnostics.Warn($"rwtab entry {entry.Path} overlaps the scratch area {scratch}; entry ignored", entry.Origin,
                    "remove the line, or move RW_MOUNT");
                continue;
            }
            var copy = new CopyStep(Stage, entry.Origin, resolved, scratch, resolved, ModeOf(entry.Kind))
            {
                Source = resolved,
                Note = resolved == entry.Path ? null : $"followed symlink {entry.Path} -> {resolved}",
                DependsOn = [scratchReady],
                Durable = false,
            };
            copies.Add(copy);
            steps.Add(copy);
        }

        // Bind only the outermost distinct paths; the first entry naming a path is its origin.
        // Ancestors are looked up by walking up each path: linear in entries, not quadratic.
        var firstByPath = new Dictionary<string, CopyStep>(StringComparer.Ordinal);
        foreach (var copy in copies) firstByPath.TryAdd(copy.GuestPath, copy);
        var binds = new Dictionary<string, BindStep>(StringComparer.Ordinal);
        foreach (var copy in copies)
        {
            if (binds.ContainsKey(copy.GuestPath) || OutermostAncestor(copy.GuestPath, firstByPath) is not null) continue;
            var bind = new BindStep(Stage, copy.GuestPath, copy.Origin, slave)
            {
                Source = scratch + copy.GuestPath,
                Note = copy.Note,
                DependsOn = [copy],
            };
            binds.Add(copy.GuestPath, bind);
            steps.Add(bind);
        }
        foreach (var copy in copies)
            copy.ShownBy = binds.GetValueOrDefault(OutermostAncestor(copy.GuestPath, firstByPath) ?? copy.GuestPath);
        return steps;
    }

    /// <summary>Every entry of /etc/rwtab, /etc/rwtab.d/* and the initramfs hand-off, in Red Hat's order.</summary>
    public static IReadOnlyList<RwtabEntry> ReadEntries(PlanContext context)
    {
        var ignored = new List<string>();
        var files = TableFiles.Find(context.Root, "/etc/rwtab", "/etc/rwtab.d", ignored).ToList();
        foreach (var handOff in new[] { InitramfsRwtab, OldInitramfsRwtab })
            if (File.Exists(context.Root.Host(handOff))) { files.Add(handOff); break; }

        var entries = new List<RwtabEntry>();
        foreach (var file in files)
        {
            try
            {
                entries.AddRange(RwtabParser.Parse(File.ReadAllText(context.Root.Host(file)), file, context.Diagnostics));
            }
            catch (IOException e)
            {
                context.Diagnostics.Warn($"cannot read {file}: {e.Message}; its entries are not applied", Origin.Of(file));
            }
        }
        return entries;
    }

    /// <summary>The highest strict ancestor of a path that is itself an entry, or null.</summary>
    private static string? OutermostAncestor(string path, Dictionary<string, CopyStep> entries)
    {
        string? outermost = null;
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            var ancestor = path[..slash];
            if (entries.ContainsKey(ancestor)) outermost = ancestor;
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
