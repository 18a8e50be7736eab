using Personality.Pipeline;
using Personality.Plan.Personalities;
using Personality.Steps;

namespace Personality.Items.Hooks;

/// <summary>A manifest's `hooks`: programs on the volume, run last, contained and bounded.</summary>
public sealed class HooksStage : IStage
{
    public StageName Name => StageName.Hooks;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var steps = new List<Step>();
        foreach (var (v, hook) in run.Personalities.Accepted(m => m.Hooks))
        {
            var script = VolumePaths.Resolve(v.Content, hook.Run, out var problem);
            if (script is not null)
            {
                if (!File.Exists(script)) problem = $"'{hook.Run}' is not a regular file";
                else if ((Native.FileCalls.LStat(script).Mode & 0x49) == 0) problem = $"'{hook.Run}' is not executable; chmod +x it on the volume";
            }
            if (problem is not null)
            {
                run.Diagnostics.Error($"hook: {problem}; it is not run", hook.Origin);
                continue;
            }
            var environment = new Dictionary<string, string>
            {
                ["PERSONALITY_ROLE"] = v.RoleName,
                ["PERSONALITY_NAME"] = run.Personalities.Name ?? "",
                ["PERSONALITY_VOLUME"] = v.Mount.Target,
            };
            steps.Add(new HookStep(Name, v.GuestPath(hook.Run), hook.Origin, hook.Timeout, environment) { DependsOn = [v.Mount] });
        }
        return steps;
    }
}
