using Personality.Pipeline;
using Personality.Plan.Personalities;
using Personality.Steps;

namespace Personality.Items.Files;

/// <summary>
/// A manifest's `files`: a file of the volume (which must stay inside it) copied or bound to a
/// guest path resolved inside the root (the ownership check already judged the resolved path);
/// then the files other kinds generate (<see cref="IGeneratesFiles"/>: network), placed as copies;
/// first, files earlier personalities left where they persist go back (<see cref="FileReconciliation"/>).
/// </summary>
public sealed class FilesStage : IStage
{
    public StageName Name => StageName.Files;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var steps = new List<(FilePlaceStep Step, Manifests.Role Role)>();
        foreach (var (v, entry) in run.Personalities.Accepted(m => m.Files))
        {
            var source = VolumePaths.Resolve(v.Content, entry.Source, out var problem);
            if (source is not null && !File.Exists(source)) problem = $"'{entry.Source}' is not a regular file";
            if (problem is not null)
            {
                run.Diagnostics.Error($"files: {problem}; {entry.Path} is not placed", entry.Origin);
                continue;
            }
            (uint, uint)? owner = null;
            if (entry.Owner is not null)
            {
                owner = run.Personalities.Accounts.Resolve(entry.Owner, out var ownerProblem);
                if (owner is null)
                {
                    run.Diagnostics.Error($"files: {ownerProblem}; {entry.Path} is not placed", entry.Origin, "use a user and group of the image, or numeric ids");
                    continue;
                }
            }
            var target = run.Resolver.ResolveForWrite(entry.Path);
            steps.Add((new FilePlaceStep(Name, target, entry.Origin, entry.How, entry.Mode, owner, run.Settings.SlaveMounts)
            {
                Source = v.GuestPath(entry.Source), DependsOn = [v.Mount],
            }, v.Role));
        }
        // Files other kinds generate (network's ifcfg and resolv.conf) are placed, and reconciled, as copies.
        foreach (var (v, file) in run.Personalities.Accepted(Generated))
            steps.Add((new FilePlaceStep(Name, run.Resolver.ResolveForWrite(file.Path), file.Origin, FileHow.Copy, file.Mode, (0, 0), run.Settings.SlaveMounts)
            {
                Content = file.Content, Note = file.Summary, DependsOn = [v.Mount],
            }, v.Role));
        if (KeptChanges.Find(run) is not { } kept) return steps.Select(s => (Step)s.Step).ToList();
        // What earlier personalities placed and the current ones do not goes back first.
        var (restores, placements, pending) = FileReconciliation.Plan(run, kept, steps);
        run.Kept.Add(pending);
        return [.. restores, .. placements];
    }

    private static IEnumerable<GeneratedFile> Generated(Manifests.Manifest manifest) =>
        ItemKinds.All.OfType<IGeneratesFiles>().SelectMany(kind => kind.Files(manifest));
}
