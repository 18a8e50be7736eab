using Personality.Core;
using Personality.Plan;
using Personality.Services;

namespace Personality.Apply.Steps;

/// <summary>Turns a service on or off in some runlevels, applying only what differs from now.</summary>
public sealed class ServiceStep(string stage, string service, Origin origin, bool on, string levels, IServiceBackend backend)
    : Step(stage, on ? "service-on" : "service-off", service, origin)
{
    public bool On { get; } = on;
    public string Levels { get; } = levels;

    public override IEnumerable<(string Name, string Value)> RecordFields => [("levels", Levels)];

    public bool NeedsChange() => Levels.Any(level => backend.IsOn(Target, level - '0') != On);

    public override StepOutcome Apply(ApplyContext context)
    {
        if (!NeedsChange()) return StepOutcome.Unchanged($"already {(On ? "on" : "off")} in levels {Levels}");
        var changes = backend.Set(Target, On, Levels);
        return changes.Count == 0 ? StepOutcome.Unchanged() : StepOutcome.Applied(string.Join("; ", changes));
    }

    public override StepOutcome Preview() =>
        NeedsChange() ? StepOutcome.Planned() : StepOutcome.Unchanged($"already {(On ? "on" : "off")} in levels {Levels}");

    public override string ToString() => $"{Action} {Target} levels {Levels} ({backend.Name})";
}
