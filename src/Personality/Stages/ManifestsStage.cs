using Personality.Core;
using Personality.Items;
using Personality.Manifests;
using Personality.Ownership;
using Personality.Pipeline;
using Personality.Plan.Personalities;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>
/// Reads the manifest of each mounted config volume and checks every claim (on resolved paths)
/// against the image's ownership policy. A broken manifest is an error and nothing of that volume
/// is applied; a rejected item gets no step in the stages that follow.
/// </summary>
public sealed class ManifestsStage : IStage
{
    public StageName Name => StageName.Manifests;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var volumes = new List<ConfigVolume>();
        foreach (var pending in run.ConfigMounts)
        {
            if (!run.Ledger.Succeeded(pending.Mount)) continue;
            var roleName = pending.Role.ToString().ToLowerInvariant();
            var content = run.ContentOf(pending.Mount);
            var manifestFile = Path.Combine(content, ManifestReader.FileName);
            if (!File.Exists(manifestFile))
            {
                run.Diagnostics.Error($"the {roleName} volume {pending.Label} has no {ManifestReader.FileName}; nothing of it is applied",
                    Origin.Of($"{pending.Label}:{ManifestReader.FileName}"), $"put a version 1 {ManifestReader.FileName} at the volume's top level");
                continue;
            }
            var manifest = ManifestReader.Read(pending.Label, manifestFile, run.Diagnostics);
            if (manifest is null) continue;
            if (manifest.Role != pending.Role)
            {
                run.Diagnostics.Error($"the manifest says role {manifest.Role.ToString().ToLowerInvariant()}, but it is on the {roleName} volume ({pending.LabelKey}={pending.Label}); nothing of it is applied",
                    manifest.RoleOrigin ?? manifest.Origin, $"write role: {roleName}, or relabel the volume");
                continue;
            }
            volumes.Add(new ConfigVolume(pending.Role, pending.Label, pending.Mount, content, manifest));
        }
        if (volumes.Count == 0) return [];

        // Where boot keeps its own records is personality's own, like its other files.
        var policy = run.Policy.Forbidding(KeptChanges.Places(run), Origin.Of("personality's own records"));
        var rejected = policy.Check(Claims.Collect(volumes, run.Resolver), run.Diagnostics).Select(c => c.Origin).ToHashSet();
        var name = volumes.FirstOrDefault(v => v.Role == Role.App)?.Manifest.Personality;
        run.Personalities = new Personalities(volumes, rejected, Accounts.Read(run.Root), name);
        return [];
    }
}
