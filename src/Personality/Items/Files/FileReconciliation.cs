using Personality.Core;
using Personality.Manifests;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Items.Files;

/// <summary>
/// Files are reconciled like services: a file an earlier personality copied where it persists,
/// which the current ones do not place, gets its original back (or goes, when there was none);
/// a file the current ones copy where it persists has its original saved once, first.
/// </summary>
public static class FileReconciliation
{
    /// <returns>The restore steps (run before the placements) and the placements, each told where to save an original.</returns>
    public static (IReadOnlyList<Step> Restores, IReadOnlyList<Step> Placements, PendingRecord<PlacedFile> Pending) Plan(
        RunContext run, KeptChanges kept, IReadOnlyList<(FilePlaceStep Step, Role Role)> placements)
    {
        var raw = FileChanges.Read(kept.HostFile(FileChanges.FileName), run.Diagnostics, kept.GuestFile(FileChanges.FileName));
        var recorded = Trusted(run, kept, raw);
        var previous = recorded.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var held = new List<PlacedFile>();
        var placed = new List<Step>();
        var copied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (step, role) in placements)
        {
            if (step.How != FileHow.Copy || !KeptChanges.Persists(run, step.Target)) { placed.Add(step); continue; }
            copied.Add(step.Target);
            var by = role == Role.App ? run.Personalities.Name ?? "app" : "host";
            var saveTo = kept.GuestFile($"{FileChanges.OriginalsDirectory}{step.Target}");
            // The original is what was there before any personality: an earlier record knows; else the file now.
            var saved = previous.TryGetValue(step.Target, out var known) ? known.SavedOriginal
                : File.Exists(run.Root.Host(step.Target)) ? saveTo : null;
            held.Add(new PlacedFile(step.Target, saved, by));
            placed.Add(saved is null ? step : step with { SaveOriginalTo = saved });
        }

        var origin = Origin.Of(kept.GuestFile(FileChanges.FileName));
        var restores = new List<(Step Step, IReadOnlyList<PlacedFile> Entries)>();
        foreach (var file in recorded.Where(f => !copied.Contains(f.Path)))
            restores.Add((new FileRestoreStep(StageName.Files, file.Path, origin with { File = $"{origin.File} (placed by {file.By}, not asked for now)" }, file.SavedOriginal), [file]));
        return (restores.Select(r => r.Step).ToList(), placed, new PendingRecord<PlacedFile>(kept.GuestFile(FileChanges.FileName), raw, held, restores, FileChanges.Write));
    }

    /// <summary>
    /// The record is read from a volume, so it is input like a manifest: an entry is followed only
    /// where this boot itself could have placed a file (a persistent path no policy forbids) and its
    /// original lies exactly where boot saves originals. Anything else is reported and dropped from
    /// the record; nothing is removed or written for it.
    /// </summary>
    private static IReadOnlyList<PlacedFile> Trusted(RunContext run, KeptChanges kept, IReadOnlyList<PlacedFile> recorded)
    {
        var trusted = new List<PlacedFile>();
        foreach (var file in recorded)
        {
            var expected = kept.GuestFile($"{FileChanges.OriginalsDirectory}{file.Path}");
            var problem = file.SavedOriginal is { } saved && saved != expected ? $"its original is recorded at {saved}, not at {expected}"
                : run.Policy.ForbiddenAt(file.Path) is { } forbidden ? $"{file.Path} is forbidden (by {forbidden.Origin})"
                : !KeptChanges.Persists(run, file.Path) ? $"{file.Path} is not on a persistent path of this boot"
                : null;
            if (problem is null) trusted.Add(file);
            else run.Diagnostics.Warn($"{kept.GuestFile(FileChanges.FileName)}: the entry for {file.Path} is not followed: {problem}; it is dropped from the record",
                Origin.Of(kept.GuestFile(FileChanges.FileName)), "nothing was changed for it; remove the entry if the file needs attention");
        }
        return trusted;
    }
}
