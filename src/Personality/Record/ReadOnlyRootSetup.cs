using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Record;

/// <summary>
/// Whether a boot left the read-only root usable, read from its ledger. This is what tells
/// rc.sysinit whether its own readonly-root block must run (personality(8), FALLBACK CONTRACT).
/// </summary>
public enum ReadOnlyRootSetup
{
    /// <summary>The scratch area is mounted (its device or the tmpfs fallback) and every rwtab copy and bind was made, or there was nothing to bind.</summary>
    SetUp,
    /// <summary>Some rwtab binds were made, not all (or a copy failed): ours is over the root, so Red Hat's block must not run on top.</summary>
    PartlySetUp,
    /// <summary>READONLY or TEMPORARY_STATE is on, but no rwtab bind reached the root (scratch area failed, every bind failed, or the run stopped early).</summary>
    NotSetUp,
    /// <summary>READONLY and TEMPORARY_STATE are off: there is nothing to set up.</summary>
    NotWanted,
}

public static class ReadOnlyRootLedger
{
    /// <summary>
    /// Decided from rwtab's binds, because they are what the read-only root needs and what Red
    /// Hat's block would redo: once one of ours is over the root, running that block on top would
    /// mount and wipe the scratch device under our binds. The state area and statetab are not
    /// counted: the built-in block would mount the same state volume the same way.
    /// </summary>
    public static ReadOnlyRootSetup SetupOf(RunRecord record)
    {
        if (record.Settings is null) return ReadOnlyRootSetup.NotSetUp; // stopped before its settings: unknown, so not set up
        if (!record.Settings.ReadOnlyRootActive) return ReadOnlyRootSetup.NotWanted;

        var scratch = record.Steps.Where(e => e.Step.Stage == StageName.Scratch).ToList();
        var rwtab = record.Steps.Where(e => e.Step.Stage == StageName.Rwtab).ToList();
        var binds = rwtab.Where(e => e.Step.Kind == StepKind.Bind).ToList();
        var made = binds.Count(e => e.Outcome.Succeeded);
        if (made > 0)
        {
            var missed = made < binds.Count || rwtab.Any(e => e.Outcome.Result == StepResult.Failed);
            return missed ? ReadOnlyRootSetup.PartlySetUp : ReadOnlyRootSetup.SetUp;
        }
        var scratchReady = scratch.Count > 0 && scratch.All(e => e.Outcome.Succeeded);
        return scratchReady && binds.Count == 0 ? ReadOnlyRootSetup.SetUp : ReadOnlyRootSetup.NotSetUp;
    }
}
