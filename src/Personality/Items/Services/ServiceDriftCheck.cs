using System.Text.RegularExpressions;
using Personality.Record;
using Personality.Services;
using Personality.Status;
using Personality.Steps;

namespace Personality.Items.Services;

/// <summary>
/// Every service the run switched (or found switched) is still on or off at its levels: steps
/// "service-on" / "service-off" with the service as target and their "levels" field (older
/// records: "levels 345" in the detail, else chkconfig's 2345), read back from the tree's link farm and
/// xinetd files by the same service backend as boot uses.
/// </summary>
public sealed partial class ServiceDriftCheck : IDriftCheck
{
    public const string DefaultLevels = "2345";

    public string Kind => "service";

    public IEnumerable<Drift> Check(StatusRecord record, DriftContext context)
    {
        IServiceBackend? backend = null;
        foreach (var step in record.Steps)
        {
            if (step.Kind is not (StepKind.ServiceOn or StepKind.ServiceOff) || !step.Succeeded || step.Target.Length == 0) continue;
            var on = step.Kind == StepKind.ServiceOn;
            var levels = step.Levels ?? LevelsOf(step.Detail);
            backend ??= ServiceBackends.For(context.Root);
            var wrong = levels.Where(level => backend.IsOn(step.Target, level - '0') != on).ToList();
            if (wrong.Count == 0) continue;
            var state = on ? "on" : "off";
            var other = on ? "off" : "on";
            yield return new Drift(Kind, step.Target, $"{state} at levels {levels}",
                $"{other} at level{(wrong.Count == 1 ? "" : "s")} {string.Concat(wrong)}", step.Origin);
        }
    }

    /// <summary>The digits of "levels 345" in a step's detail; <see cref="DefaultLevels"/> when there is none.</summary>
    public static string LevelsOf(string? detail) =>
        detail is not null && LevelsPattern().Match(detail) is { Success: true } m ? m.Groups[1].Value : DefaultLevels;

    [GeneratedRegex(@"\blevels? ([0-6]+)\b")]
    private static partial Regex LevelsPattern();
}
