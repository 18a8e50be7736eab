using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>Empties a scratch device this run mounted; one an earlier run mounted is in use and left alone.</summary>
public sealed class WipeExecutor(ApplyContext context)
{
    public StepOutcome Apply(WipeStep step, Ledger ledger)
    {
        if (ledger.OutcomeOf(step.Mount)?.Result == StepResult.Unchanged)
            return StepOutcome.Unchanged("already in use from an earlier run; not wiped");
        var removed = context.ScratchCopier.RemoveContents(context.Root.Host(step.Target));
        return removed == 0 ? StepOutcome.Unchanged("already empty") : StepOutcome.Applied($"removed {removed} entries");
    }
}
