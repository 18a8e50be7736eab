using Personality.Core;
using Personality.Pipeline;
using Personality.Services;

namespace Personality.Steps;

/// <summary>
/// Turn service <see cref="Step.Target"/> on or off at <see cref="Levels"/>, through the chosen
/// backend; the native engine (and dry-run's prediction) behave as chkconfig's <see cref="Dialect"/>.
/// </summary>
public sealed record ServiceStep(StageName Stage, string Target, Origin Origin, bool On, string ServiceLevels, ServiceBackendKind Backend,
    ChkconfigDialect Dialect)
    : Step(Stage, On ? StepKind.ServiceOn : StepKind.ServiceOff, Target, Origin)
{
    public override string? Levels => ServiceLevels;

    protected override string Describe() => $"{Action} {Target} levels {ServiceLevels} ({Backend.Name()}, {Dialect.Name()})";
}
