using Personality.Core;
using Personality.Discovery;
using Personality.Record;
using Personality.Settings;
using Personality.Stages;

namespace Personality.Pipeline;

/// <summary>
/// The run both `boot` and `dry-run` make: settings, then (unless disabled) the stage sequence
/// with the volume source and runner the command chose. Nothing here knows which command it is.
/// </summary>
public sealed class PersonalityRun
{
    public RunRecord Record { get; }
    private RunContext? _run;
    public BootSettings Settings { get; }

    /// <summary>Loads the settings (recorded with their sources); a disabled run is recorded as such.</summary>
    public PersonalityRun(string command, TargetRoot root, string cmdline)
    {
        Record = new RunRecord(command, root, DateTimeOffset.UtcNow);
        var effective = SettingsLoader.Load(root, cmdline, Record.Diagnostics);
        Record.Settings = effective;
        Settings = BootSettings.From(effective, Record.Diagnostics);
        Record.OnFailure = Settings.OnFailure;
        if (!Settings.Enabled)
        {
            Record.Disabled = true;
            Record.DisabledReason = $"ENABLED={effective.Value("ENABLED")} from {Settings.SourceOf("ENABLED")}";
        }
    }

    /// <summary>Writes what the stages want kept for later boots (boot only: a dry run keeps nothing).</summary>
    public void KeepState()
    {
        if (_run is null) return;
        foreach (var kept in _run.Kept)
        {
            try
            {
                kept.Write(Record.Root, _run.Ledger);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Record.Diagnostics.Warn($"{kept.GuestFile} was not written: {e.Message}", Origin.Of(kept.GuestFile),
                    "check the volume it is on (full, or read-only?); the next boot cannot put back what it does not know");
            }
        }
    }

    /// <summary>Runs every stage with <paramref name="runner"/>; the ledger becomes the record's steps.</summary>
    /// <param name="stepRecorded">Told of each step as it is recorded (the boot log).</param>
    /// <param name="stageDone">Told when a stage's steps have run (boot marks itself once /var/run is writable).</param>
    public void RunStages(IVolumeSource volumes, Func<RunContext, IStepRunner> runner,
        Action<LedgerEntry>? stepRecorded = null, Action<StageName>? stageDone = null)
    {
        var run = _run = new RunContext(Record.Root, Settings, volumes, Record.Diagnostics);
        try
        {
            new StagePipeline(StageSequence.All) { StepRecorded = stepRecorded, StageDone = stageDone }.Run(run, runner(run));
        }
        catch (Exception e)
        {
            // The pipeline turns step and planning failures into records; this is a bug around them.
            Record.Diagnostics.Error($"internal error: {e.GetType().Name}: {e.Message}; the rest of the run was not done", hint: "report this with the record");
        }
        finally
        {
            Record.Steps = run.Ledger.Entries;
            Record.Volumes.AddRange(run.UsedVolumes);
            Record.Personality = run.Personalities.Name;
            if (run.StateMount is { } state && run.Ledger.OutcomeOf(state) is { Result: StepResult.Applied or StepResult.Unchanged, MountedReadOnly: false })
                Record.WritableStateArea = run.StateArea;
            Record.Diagnostics.AddRange(volumes.Diagnostics);
        }
    }
}
