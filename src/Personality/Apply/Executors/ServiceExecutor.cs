using Personality.Pipeline;
using Personality.Services;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>Turns a service on or off through the step's backend, applying only what differs from now.</summary>
public sealed class ServiceExecutor(ApplyContext context)
{
    private readonly Dictionary<ChkconfigDialect, IServiceBackend> _native = [];
    private IServiceBackend? _guest;

    public StepOutcome Apply(ServiceStep step)
    {
        var backend = step.Backend == ServiceBackendKind.Native
            ? Native(step.Dialect)
            : _guest ??= new GuestChkconfigBackend(context.Root);
        if (!NeedsChange(backend, step)) return StepOutcome.Unchanged($"already {(step.On ? "on" : "off")} in levels {step.ServiceLevels}");
        var changes = backend.Set(step.Target, step.On, step.ServiceLevels);
        return changes.Count == 0 ? StepOutcome.Unchanged() : StepOutcome.Applied(string.Join("; ", changes));
    }

    private IServiceBackend Native(ChkconfigDialect dialect)
    {
        if (!_native.TryGetValue(dialect, out var backend)) _native[dialect] = backend = new NativeServiceBackend(context.Root, dialect);
        return backend;
    }

    public static bool NeedsChange(IServiceBackend backend, ServiceStep step) =>
        step.ServiceLevels.Any(level => backend.IsOn(step.Target, level - '0') != step.On);
}
