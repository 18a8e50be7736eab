using Personality.Core;
using Personality.Pipeline;
using Personality.Services;

namespace Personality.Steps;

/// <summary>Turn service <see cref="Step.Target"/> on or off at <see cref="Levels"/>, through the chosen backend.</summary>
public sealed record ServiceStep(StageName Stage, string Target, Origin Origin, bool On, string ServiceLevels, ServiceBackendKind Backend)
    : Step(Stage, On ? StepKind.ServiceOn : StepKind.ServiceOff, Target, Origin)
{
    public override string? Levels => ServiceLevels;

    protected override string Describe() => $"{Action} {Target} levels {ServiceLevels} ({Backend.Name()})";
}
