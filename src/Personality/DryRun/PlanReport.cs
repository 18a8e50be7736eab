using Personality.Core;
using Personality.Pipeline;
using Personality.Record;

namespace Personality.DryRun;

/// <summary>The human form of a plan: the steps in execution order, each with its stage and origin, then the problems.</summary>
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
        else output.WriteLine("steps, in the order boot runs them:");
        var width = record.Steps.Count == 0 ? 0 : record.Steps.Max(e => e.Step.Stage.Text().Length);
        foreach (var (step, outcome, _) in record.Steps)
        {
            var mark = outcome.Result == StepResult.Planned ? "" : outcome.Result.ToString().ToLowerInvariant() + ": ";
            var detail = outcome.Detail is null && step.Note is null ? "" : $" ({string.Join("; ", new[] { step.Note, outcome.Detail }.OfType<string>())})";
            output.WriteLine($"  {step.Stage.Text().PadRight(width)}  {mark}{step}{detail}  [{step.Origin}]");
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
