using Personality.Core;
using Personality.Plan;
using Personality.Record;

namespace Personality.DryRun;

/// <summary>The human form of a plan: steps grouped by stage with their origins, then the problems.</summary>
public static class PlanReport
{
    public static void Write(TextWriter output, RunRecord record)
    {
        output.WriteLine($"plan for {record.Root.Directory}" + (record.Personality is null ? "" : $" (personality {record.Personality})"));
        if (record.Disabled)
        {
            output.WriteLine($"  nothing: disabled ({record.DisabledReason})");
            return;
        }
        if (record.Volumes.Count > 0)
        {
            output.WriteLine("volumes:");
            foreach (var v in record.Volumes)
                output.WriteLine($"  {v.Role,-8} {v.Label,-16} {v.Device} -> {v.MountPoint}");
        }
        if (record.Steps.Count == 0) output.WriteLine("no steps (READONLY=no and no config volumes)");
        foreach (var stage in record.Steps.GroupBy(s => s.Stage))
        {
            output.WriteLine($"stage {stage.Key}:");
            foreach (var step in stage)
            {
                var outcome = step.Outcome!;
                var mark = outcome.Result switch
                {
                    StepResult.Planned => "",
                    _ => outcome.Result.ToString().ToLowerInvariant() + ": ",
                };
                var detail = outcome.Detail is null && step.Note is null ? "" : $" ({string.Join("; ", new[] { step.Note, outcome.Detail }.OfType<string>())})";
                output.WriteLine($"  {mark}{step}{detail}  [{step.Origin}]");
            }
        }
        var errors = record.Diagnostics.All.Where(d => d.Severity == Severity.Error).ToList();
        var warnings = record.Diagnostics.All.Where(d => d.Severity == Severity.Warning).ToList();
        if (errors.Count > 0)
        {
            output.WriteLine("errors:");
            foreach (var d in errors) output.WriteLine($"  {d}");
        }
        if (warnings.Count > 0)
        {
            output.WriteLine("warnings:");
            foreach (var d in warnings) output.WriteLine($"  {d}");
        }
        output.WriteLine($"{record.Steps.Count} steps, {errors.Count} errors, {warnings.Count} warnings");
    }
}
