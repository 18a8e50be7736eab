using Personality.Apply.Executors;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply;

/// <summary>Boot's runner: each step kind goes to its executor, which changes the system.</summary>
public sealed class BootRunner(ApplyContext context) : IStepRunner
{
    private readonly MountExecutor _mount = new(context);
    private readonly WipeExecutor _wipe = new(context);
    private readonly CopyExecutor _copy = new(context);
    private readonly BindExecutor _bind = new(context);
    private readonly FilePlaceExecutor _files = new(context);
    private readonly FileRestoreExecutor _restores = new(context);
    private readonly HookExecutor _hooks = new(context);
    private readonly HostnameExecutor _hostname = new(context);
    private readonly ServiceExecutor _services = new(context);

    public string DependencyVerb => "did not";

    public StepOutcome Execute(Step step, Ledger ledger) => step switch
    {
        MountStep m => _mount.Apply(m),
        WipeStep w => _wipe.Apply(w, ledger),
        CopyStep c => _copy.Apply(c, ledger),
        BindStep b => _bind.Apply(b),
        FilePlaceStep f => _files.Apply(f),
        FileRestoreStep r => _restores.Apply(r),
        HookStep h => _hooks.Apply(h),
        HostnameStep h => _hostname.Apply(h),
        ServiceStep s => _services.Apply(s),
        _ => throw new InvalidOperationException($"no executor for {step.Kind.Name()} steps"),
    };
}
