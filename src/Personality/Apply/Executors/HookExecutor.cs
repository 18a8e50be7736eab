using Personality.Native;
using Personality.Pipeline;
using Personality.Record.Logging;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>
/// Runs a hook through the one guest-process primitive: contained in the tree, default signals,
/// stdin from /dev/null, killed with its process group at its timeout whatever its output does,
/// the last lines of its output kept for the log. Any start error is this step's failure.
/// </summary>
public sealed class HookExecutor(ApplyContext context)
{
    /// <summary>Output kept per hook (the last bytes): enough to see why it failed, bounded in memory and in the log.</summary>
    public const int OutputLimitBytes = 32 * 1024;

    public StepOutcome Apply(HookStep step)
    {
        var result = GuestProcess.Run(new GuestProcessRequest(context.Root.Directory, step.Target, [], step.Environment, step.Timeout, OutputLimitBytes));
        if (result.StartError is { } error)
            return StepOutcome.Failed($"cannot start it: {error}; a script needs a #! line and must be executable");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (result.OutputTruncated) context.Log.HookOutputTruncated(step.Target, result.OutputBytes, OutputLimitBytes);
        foreach (var line in lines) context.Log.HookOutput(step.Target, line);

        if (result.TimedOut) return StepOutcome.Failed($"timed out after {step.Timeout.TotalSeconds:0.#} s and was killed; make it faster or raise its timeout");
        if (result.Signal is { } signal) return StepOutcome.Failed($"killed by signal {signal}; its output is in the log");
        return result.ExitCode == 0
            ? StepOutcome.Applied($"exit status 0, {lines.Length} lines of output")
            : StepOutcome.Failed($"exit status {result.ExitCode}; its output is in the log");
    }
}
