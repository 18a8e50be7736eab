using Personality.Items;
using Personality.Pipeline;

namespace Personality.Stages;

/// <summary>The stages, listed once, in the order boot runs them; dry-run runs the very same list.</summary>
public static class StageSequence
{
    public static IReadOnlyList<IStage> All { get; } = InRunOrder(
    [
        new LabelsStage(),
        // Red Hat's readonly-root.
        new ScratchStage(),
        new RwtabStage(),
        new StateAreaStage(),
        new StatetabStage(),
        // The personality: the volumes, their manifests, the hostname, then each item kind's stage.
        new VolumesStage(),
        new ManifestsStage(),
        new HostnameStage(),
        .. ItemKinds.All.Select(kind => kind.Stage).OfType<IStage>(),
    ]);

    // The item kinds are registered in manifest order (state before mounts), which is not the run
    // order (mounts before state): StageName lists every stage in run order, so it decides.
    private static IReadOnlyList<IStage> InRunOrder(IEnumerable<IStage> stages) => stages.OrderBy(stage => stage.Name).ToList();
}
