using Personality.Core;
using Personality.Pipeline;

namespace Personality.Record;

/// <summary>The few lines a boot prints on the console: verdict, counts, volumes, problems.</summary>
public static class ConsoleSummary
{
    public const int MaxProblems = 10;

    public static void Write(TextWriter output, RunRecord record, string? statusPath)
    {
        if (record.Disabled)
        {
            output.WriteLine($"personality: disabled ({record.DisabledReason})");
            return;
        }
        int Count(StepResult r) => record.Count(r);
        output.WriteLine($"personality: {record.Result.ToString().ToLowerInvariant()} in {record.TotalMilliseconds:0.0} ms: " +
                         $"{Count(StepResult.Applied)} applied, {Count(StepResult.Unchanged)} unchanged, " +
                         $"{Count(StepResult.Skipped)} skipped, {Count(StepResult.Failed)} failed");
        foreach (var v in record.Volumes)
            output.WriteLine($"  volume {v.Role,-8} {v.Label,-16} {v.Device,-12} {v.FsType,-8} -> {v.MountPoint}");
        // Errors first; the console stays short, the record keeps everything.
        var shown = record.Diagnostics.All.OrderBy(d => d.Severity == Severity.Error ? 0 : 1).Take(MaxProblems).ToList();
        foreach (var d in shown)
            output.WriteLine($"  {(d.Severity == Severity.Error ? "error  " : "warning")} {d}");
        var hidden = record.Diagnostics.All.Count - shown.Count;
        if (hidden > 0) output.WriteLine($"  ... {hidden} more problems: personality status -v");
        if (statusPath is not null) output.WriteLine($"  record: {statusPath}");
    }
}
