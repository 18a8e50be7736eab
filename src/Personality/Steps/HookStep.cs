using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>Run a program from a config volume (guest path <see cref="Step.Target"/>), contained and bounded.</summary>
public sealed record HookStep(StageName Stage, string Target, Origin Origin, TimeSpan Timeout, IReadOnlyDictionary<string, string> Environment)
    : Step(Stage, StepKind.Hook, Target, Origin)
{
    protected override string Describe() => $"hook {Target} (timeout {Timeout.TotalSeconds:0.#} s)";
}
