using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>Set the kernel hostname (the target) from the host manifest.</summary>
public sealed record HostnameStep(StageName Stage, string Target, Origin Origin) : Step(Stage, StepKind.Hostname, Target, Origin);
