namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Whether dry-run's plan and a first boot's status.json list the same steps. The promise is that dry-run
/// shows exactly what boot does, so the two lists must have the same (stage, action, target, source, origin)
/// in the same order. A mount step carries its device in neither field (only in the human text), so a loop
/// device at boot and an image file in the plan compare equal by target, as they should.
///
/// Results differ only where boot learns something by doing:
/// <list type="bullet">
/// <item>the same result on both sides is fine (a step planned as skipped, a service already as wanted);</item>
/// <item>planned may become applied, unchanged (already so) or failed (only doing it tells);</item>
/// <item>planned may become skipped only when a dependency failed at this boot (the pipeline's "needs ...,
/// which did not succeed", with a failed step before it), or for the hostname step that boot holds back
/// when --root shares the machine's UTS namespace (a guard for the test machine, not a property of the image).</item>
/// </list>
/// Anything else is a difference: a step only one side has, another order, unchanged or skipped in the plan
/// but done at boot.
/// </summary>
public static class PlanComparison
{
    /// <summary>Null when the plan and the boot agree; else the first difference and both lists.</summary>
    public static string? Difference(IReadOnlyList<StatusStep> plan, IReadOnlyList<StatusStep> boot)
    {
        for (var i = 0; i < Math.Max(plan.Count, boot.Count); i++)
        {
            var p = i < plan.Count ? plan[i] : null;
            var b = i < boot.Count ? boot[i] : null;
            var why = p is null ? "only boot has it"
                : b is null ? "only dry-run has it"
                : Key(p) != Key(b) ? "the steps differ"
                : !ResultsAgree(p, b, boot.Take(i)) ? $"dry-run's '{p.Result}' cannot become boot's '{b.Result}'"
                : null;
            if (why is not null)
                return $"step {i + 1}: {why}\n  dry-run: {p?.ToString() ?? "(none)"}\n  boot:    {b?.ToString() ?? "(none)"}\n" +
                       $"--- dry-run's steps\n{List(plan)}\n--- boot's steps\n{List(boot)}";
        }
        return null;
    }

    public static (string, string, string, string?, string?) Key(StatusStep s) => (s.Stage, s.Action, s.Target, s.Source, s.Origin);

    private static bool ResultsAgree(StatusStep plan, StatusStep boot, IEnumerable<StatusStep> bootBefore) =>
        plan.Result == boot.Result
        || (plan.Result == "planned" && boot.Result switch
        {
            "applied" or "unchanged" or "failed" => true,
            "skipped" => DependencyFailed(boot, bootBefore) || HostnameHeldBack(boot),
            _ => false,
        });

    private static bool DependencyFailed(StatusStep boot, IEnumerable<StatusStep> bootBefore) =>
        (boot.Detail ?? "").Contains("which did not succeed", StringComparison.Ordinal) && bootBefore.Any(s => s.Result == "failed");

    private static bool HostnameHeldBack(StatusStep boot) =>
        boot.Action == "hostname" && (boot.Detail ?? "").Contains("machine's own UTS namespace", StringComparison.Ordinal);

    private static string List(IReadOnlyList<StatusStep> steps) =>
        steps.Count == 0 ? "  (none)" : string.Join("\n", steps.Select((s, i) => $"  {i + 1,3}. {s}"));
}
