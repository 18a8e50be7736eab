namespace Personality.Pipeline;

/// <summary>
/// One stage of the run. It plans immutable steps from the tree, the settings and the ledger of
/// earlier stages; it never executes anything itself (the pipeline hands its steps to the runner).
/// </summary>
public interface IStage
{
    StageName Name { get; }

    IReadOnlyList<Steps.Step> Plan(RunContext run);
}
