using Personality.Settings;

namespace Personality.Record;

/// <summary>
/// `personality boot`'s exit status: the fallback contract with rc.sysinit's hook
/// (personality(8), FALLBACK CONTRACT). The codes keep clear of 1 and 2 (generic failures, usage),
/// 64-78 (sysexits: usage, internal error) and 126 and up (the shell's "cannot run", "not found",
/// signals), so that none of those can be taken for "set up".
/// </summary>
public static class BootExitStatus
{
    /// <summary>The read-only root is set up (whatever else failed): the built-in block is skipped.</summary>
    public const int SetUp = 0;
    /// <summary>Partly set up: skipped too, since ours is already over the root.</summary>
    public const int PartlySetUp = 10;
    /// <summary>Not set up: the built-in block runs.</summary>
    public const int NotSetUp = 11;
    /// <summary>READONLY and TEMPORARY_STATE off: the built-in block's own test decides (normally: nothing runs).</summary>
    public const int NotWanted = 12;
    /// <summary>ENABLED=no or personality=off: the built-in block runs, as if personality were not installed.</summary>
    public const int Disabled = 13;
    /// <summary>The run failed and ON_FAILURE=halt: the boot must stop.</summary>
    public const int Halt = 14;

    public static int Of(RunRecord record)
    {
        if (record.Disabled) return Disabled;
        if (record.Result == RunResult.Failed && record.OnFailure == FailurePolicy.Halt) return Halt;
        return ReadOnlyRootLedger.SetupOf(record) switch
        {
            ReadOnlyRootSetup.SetUp => SetUp,
            ReadOnlyRootSetup.PartlySetUp => PartlySetUp,
            ReadOnlyRootSetup.NotWanted => NotWanted,
            _ => NotSetUp,
        };
    }

    /// <summary>The console line for a status the caller acts on, null for the quiet ones.</summary>
    public static string? Notice(int status) => status switch
    {
        PartlySetUp => "personality: exit 10: the read-only root is only partly set up (see personality status)",
        NotSetUp => "personality: exit 11: the read-only root is not set up; the caller's own readonly-root should run",
        Halt => "personality: exit 14: the run failed and ON_FAILURE=halt: the boot should stop",
        _ => null,
    };
}
