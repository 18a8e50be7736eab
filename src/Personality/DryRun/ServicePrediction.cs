using Personality.Core;
using Personality.Pipeline;
using Personality.Services;
using Personality.Steps;

namespace Personality.DryRun;

/// <summary>
/// What a service step would change at boot, worked out by the native engine in the step's
/// chkconfig dialect on the unchanged tree: with the guest's own chkconfig at boot, this is
/// that chkconfig's behaviour (CentOS 5's 1.3.30 on a CentOS 5 image), predicted.
/// </summary>
public static class ServicePrediction
{
    public static StepOutcome Of(TargetRoot root, ServiceStep step)
    {
        try
        {
            var changes = new NativeServiceBackend(root, step.Dialect).Plan(step.Target, step.On, step.ServiceLevels);
            return StepOutcome.Planned(changes.Count == 0 ? null : string.Join("; ", changes.Select(c => "would have " + c)));
        }
        catch (Exception e) when (e is ServiceException or IOException or UnauthorizedAccessException)
        {
            return StepOutcome.Planned($"would fail: {e.Message}");
        }
    }
}
