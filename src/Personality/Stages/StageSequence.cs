using Personality.Pipeline;

namespace Personality.Stages;

/// <summary>The stages, listed once, in the order boot runs them; dry-run runs the very same list.</summary>
public static class StageSequence
{
    public static IReadOnlyList<IStage> All { get; } =
    [
        new LabelsStage(),
        // Red Hat's readonly-root.
        new ScratchStage(),
        new RwtabStage(),
        new StateAreaStage(),
        new StatetabStage(),
        // The personality.
        new VolumesStage(),
        new ManifestsStage(),
        new HostnameStage(),
        new MountsStage(),
        new StateStage(),
        new FilesStage(),
        new ServicesStage(),
        new HooksStage(),
    ];
}
