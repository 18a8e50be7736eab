using Personality.Core;
using Personality.Plan;

namespace Personality.Apply.Steps;

/// <summary>
/// Empties a scratch device just mounted, as Red Hat does (its "rm -rf $RW_MOUNT"). Never wipes
/// an area that was already mounted before this run: that is a second boot, and the area is in use.
/// </summary>
public sealed class WipeStep(string stage, string target, Origin origin, MountStep mount)
    : Step(stage, "wipe", target, origin)
{
    public override StepOutcome Apply(ApplyContext context)
    {
        if (mount.Outcome?.Result == StepResult.Unchanged)
            return StepOutcome.Unchanged("already in use from an earlier run; not wiped");
        var removed = context.Copier.RemoveContents(context.Root.Host(Target));
        return removed == 0 ? StepOutcome.Unchanged("already empty") : StepOutcome.Applied($"removed {removed} entries");
    }
}
