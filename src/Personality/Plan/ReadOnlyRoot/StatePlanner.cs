using Personality.Apply.Copying;
using Personality.Apply.Steps;
using Personality.Core;
using Personality.Plan.Tables;

namespace Personality.Plan.ReadOnlyRoot;

/// <summary>
/// The persistent state area at STATE_MOUNT (an /etc/fstab entry with STATE_OPTIONS, else the
/// STATE_LABEL device) and what /etc/statetab, /etc/statetab.d/* put on it: each path copied
/// there on first use, then bound over the root's path.
/// </summary>
public static class StatePlanner
{
    public const string MountStage = "state";
    public const string TableStage = "statetab";
    public const string VolumeFilesList = "/files";

    public static MountStep? PlanMount(PlanContext context)
    {
        var s = context.Settings;
        return AreaMount.FromFstabOrLabel(context, MountStage, "state", s.Value("STATE_MOUNT"),
            s.Value("STATE_LABEL"), "STATE_LABEL", s.Value("STATE_OPTIONS"));
    }

    /// <summary>Plans the statetab binds; called once the state area is mounted (its content decides the plan).</summary>
    public static IReadOnlyList<Step> PlanTables(PlanContext context, MountStep? mount)
    {
        var stateMount = context.StateArea;
        var ignored = new List<string>();
        var tables = TableFiles.Find(context.Root, "/etc/statetab", "/etc/statetab.d", ignored);
        if (mount is null)
        {
            // Red Hat skips the statetab silently without a state volume. Running stateless is a
            // fleet's choice, so this is a recorded skip, not a warning; a guest that must keep its
            // state lists STATE_LABEL in REQUIRED_LABELS and gets an error when it is missing.
            return tables.Count == 0 ? [] :
            [
                new Skipped(TableStage, "read", tables[0], Origin.Of(tables[0]),
                    $"no state volume (label {context.Settings.Value("STATE_LABEL")}, or an fstab entry for {stateMount}): " +
                    "the statetab paths are not kept across boots; list the label in REQUIRED_LABELS if they must be"),
            ];
        }
        if (mount.Outcome is not { Succeeded: true }) return [];
        if (mount.MountedReadOnly)
        {
            context.Diagnostics.Warn($"the state volume {mount.Device} on {stateMount} is read-only; the statetab is not applied",
                mount.Origin, "make the volume writable (it must not be write-protected, iso9660 or mounted ro)");
            return [];
        }

        var slave = context.Settings.IsNotFalse("SLAVE_MOUNTS");
        var content = context.ContentOf(mount);
        var steps = new List<Step>();
        foreach (var tableFile in tables)
        {
            var table = tableFile;
            var ownCopy = stateMount + table;
            var hostFile = context.Root.Host(table);
            if (File.Exists(content + table))
            {
                // The volume carries its own version of this statetab: it is bound first, and it is the one read.
                steps.Add(new BindStep(TableStage, table, Origin.Of(ownCopy), slave) { Source = ownCopy, DependsOn = [mount] });
                hostFile = content + table;
                table = ownCopy;
            }
            steps.AddRange(PathSteps(context, mount, Read(table, hostFile, context.Diagnostics), slave));
        }

        var filesList = stateMount + VolumeFilesList;
        if (File.Exists(content + VolumeFilesList))
        {
            if (context.Settings.IsTrue("STATE_FILES_LIST"))
                steps.AddRange(PathSteps(context, mount, Read(filesList, content + VolumeFilesList, context.Diagnostics), slave));
            else
                steps.Add(new Skipped(TableStage, "read", filesList, Origin.Of(filesList),
                    "the state volume's own 'files' list is ignored: set STATE_FILES_LIST=yes in /etc/sysconfig/personality to trust it"));
        }
        return steps;
    }

    /// <summary>Reads a statetab from <paramref name="hostFile"/>, naming it <paramref name="guestFile"/> in origins.</summary>
    private static IReadOnlyList<StatetabEntry> Read(string guestFile, string hostFile, Diagnostics diagnostics)
    {
        try
        {
            return StatetabParser.Parse(File.ReadAllText(hostFile), guestFile, diagnostics);
        }
        catch (IOException e)
        {
            diagnostics.Warn($"cannot read {guestFile}: {e.Message}; its entries are not applied", Origin.Of(guestFile));
            return [];
        }
    }

    private static IEnumerable<Step> PathSteps(PlanContext context, MountStep mount, IReadOnlyList<StatetabEntry> entries, bool slave)
    {
        var stateMount = context.StateArea;
        foreach (var entry in entries)
        {
            var resolved = context.Resolver.Resolve(entry.Path, out var problem);
            if (resolved is null)
            {
                yield return new Skipped(TableStage, "copy", entry.Path, entry.Origin, problem ?? "does not exist");
                continue;
            }
            if (GuestPath.IsAtOrBelow(stateMount, resolved) || GuestPath.IsAtOrBelow(resolved, stateMount))
            {
                context.Diagnostics.Warn($"statetab entry {entry.Path} overlaps the state area {stateMount}; entry ignored", entry.Origin);
                continue;
            }
            var note = resolved == entry.Path ? null : $"followed symlink {entry.Path} -> {resolved}";
            var copy = new CopyStep(TableStage, entry.Origin, resolved, stateMount, resolved, CopyMode.Full)
            {
                Source = resolved, OnlyIfMissing = true, Note = note, DependsOn = [mount],
            };
            var bind = new BindStep(TableStage, resolved, entry.Origin, slave) { Source = stateMount + resolved, Note = note, DependsOn = [copy] };
            copy.ShownBy = bind;
            yield return copy;
            yield return bind;
        }
    }
}
