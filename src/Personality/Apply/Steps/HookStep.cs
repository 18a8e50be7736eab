using System.Diagnostics;
using Personality.Core;
using Personality.Plan;

namespace Personality.Apply.Steps;

/// <summary>
/// Runs a hook from a config volume before the runlevel, bounded by its timeout; its output goes
/// to the log and its exit status to the record. With --root the hook runs chrooted into the
/// tree, so a guest's hook never runs against the machine doing the work.
/// </summary>
public sealed class HookStep(string stage, string guestScript, Origin origin, TimeSpan timeout, IReadOnlyDictionary<string, string> environment)
    : Step(stage, "hook", guestScript, origin)
{
    public TimeSpan Timeout { get; } = timeout;

    public override StepOutcome Apply(ApplyContext context)
    {
        var start = new ProcessStartInfo
        {
            FileName = context.Root.IsLive ? Target : "chroot",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = context.Root.IsLive ? "/" : context.Root.Directory,
        };
        if (!context.Root.IsLive)
        {
            start.ArgumentList.Add(context.Root.Directory);
            start.ArgumentList.Add(Target);
        }
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = new Process { StartInfo = start };
        var output = new List<string>();
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.Add(e.Data);
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = process.WaitForExit(Timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        else
        {
            process.WaitForExit(); // drains the output readers
        }
        lock (output)
            foreach (var line in output) context.Log.Info($"hook {Target}: {line}");

        if (!finished) return StepOutcome.Failed($"timed out after {Timeout.TotalSeconds:0.#} s and was killed; make it faster or raise its timeout");
        return process.ExitCode == 0
            ? StepOutcome.Applied($"exit status 0, {output.Count} lines of output")
            : StepOutcome.Failed($"exit status {process.ExitCode}; its output is in the log");
    }

    public override string ToString() => $"hook {Target} (timeout {Timeout.TotalSeconds:0.#} s)";
}
