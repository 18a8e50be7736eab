using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// Empty a scratch device just mounted by <see cref="Mount"/>, as Red Hat does ("rm -rf
/// $RW_MOUNT"); never one that was already mounted before this run (a second boot).
/// </summary>
public sealed record WipeStep(StageName Stage, string Target, Origin Origin, MountStep Mount)
    : Step(Stage, StepKind.Wipe, Target, Origin);
