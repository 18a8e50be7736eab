using Personality.Core;
using Personality.Pipeline;
using Personality.Plan.Tables;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>
/// What /etc/statetab, /etc/statetab.d/* put on the state area: each path copied there on first
/// use, then bound over the root's path. Planned from the state area's content, once it is mounted.
/// </summary>
public sealed class StatetabStage : IStage
{
    public const string VolumeFilesList = "/files";

    public StageName Name => StageName.Statetab;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        if (!run.Settings.ReadOnlyRoot) return [];
        var stateArea = run.StateArea;
        var tables = TableFiles.Find(run.Root, "/etc/statetab", "/etc/statetab.d", new List<string>());
        if (run.StateMount is not { } mount)
        {
            // Red Hat skips the statetab silently without a state volume. Running stateless is a
            // fleet's choice, so this is a recorded skip, not a warning; a guest that must keep its
            // state lists STATE_LABEL in REQUIRED_LABELS and gets an error when it is missing.
            return tables.Count == 0 ? [] :
            [
                new SkippedStep(Name, StepKind.Read, tables[0], Origin.Of(tables[0]),
                    $"no state volume (label {run.Settings.StateLabel}, or an fstab entry for {stateArea}): " +
                    "the statetab paths are not kept across boots; list the label in REQUIRED_LABELS if they must be"),
            ];
        }
        var mounted = run.Ledger.OutcomeOf(mount);
        // The mount failed: the image's statetab is still planned (each step then skipped for
        // want of the mount), so the record shows what was not kept, as dry-run's plan does.
        if (mounted is not { Succeeded: true })
            return tables.SelectMany(table => PathSteps(run, mount, Read(table, run.Root.Host(table), run.Diagnostics))).ToList();
        if (mounted.MountedReadOnly)
        {
            run.Diagnostics.Warn($"the state volume {mount.Device} on {stateArea} is read-only; the statetab is not applied",
                mount.Origin, "make the volume writable (it must not be write-protected, iso9660 or mounted ro)");
            return [];
        }

        var content = run.ContentOf(mount);
        var steps = new List<Step>();
        foreach (var tableFile in tables)
        {
            var table = tableFile;
            var hostFile = run.Root.Host(table);
            if (File.Exists(content + table))
            {
                // The volume carries its own version of this statetab: it is bound first, and it is the one read.
                var ownCopy = stateArea + table;
                steps.Add(new BindStep(Name, table, Origin.Of(ownCopy), run.Settings.SlaveMounts) { Source = ownCopy, DependsOn = [mount] });
                hostFile = content + table;
                table = ownCopy;
            }
            steps.AddRange(PathSteps(run, mount, Read(table, hostFile, run.Diagnostics)));
        }

        var filesList = stateArea + VolumeFilesList;
        if (File.Exists(content + VolumeFilesList))
        {
            if (run.Settings.StateFilesList)
                steps.AddRange(PathSteps(run, mount, Read(filesList, content + VolumeFilesList, run.Diagnostics)));
            else
                steps.Add(new SkippedStep(Name, StepKind.Read, filesList, Origin.Of(filesList),
                    "the state volume's own 'files' list is ignored: set STATE_FILES_LIST=yes in /etc/sysconfig/personality to trust it"));
        }
        return steps;
    }

    /// <summary>Reads a statetab from <paramref name="hostFile"/>, naming it <paramref name="guestFile"/> in origins.</summary>
    private static IReadOnlyList<StatetabEntry> Read(string guestFile, string hostFile, Diagnostics diagnostics)
    {
        try
        {
            return StatetabParser.Parse(TableText.Read(hostFile), guestFile, diagnostics);
        }
        catch (IOException e)
        {
            diagnostics.Warn($"cannot read {guestFile}: {e.Message}; its entries are not applied", Origin.Of(guestFile));
            return [];
        }
    }

    private IEnumerable<Step> PathSteps(RunContext run, MountStep mount, IReadOnlyList<StatetabEntry> entries)
    {
        var stateArea = run.StateArea;
        foreach (var entry in entries)
        {
            var resolved = run.Resolver.Resolve(entry.Path, out var problem);
            if (resolved is null)
            {
                yield return new SkippedStep(Name, StepKind.Copy, entry.Path, entry.Origin, problem ?? "does not exist");
                continue;
            }
            if (GuestPath.IsAtOrBelow(stateArea, resolved) || GuestPath.IsAtOrBelow(resolved, stateArea))
            {
                run.Diagnostics.Warn($"statetab entry {entry.Path} overlaps the state area {stateArea}; entry ignored", entry.Origin);
                continue;
            }
            var note = resolved == entry.Path ? null : $"followed symlink {entry.Path} -> {resolved}";
            var (copy, bind) = CopyThenBind.Plan(Name, entry.Origin, resolved, stateArea, run.Settings.SlaveMounts, [mount],
                firstUseOnly: true, note: note);
            yield return copy;
            yield return bind;
        }
    }
}
