using Personality.Core;
using Personality.Pipeline;
using Personality.Record;
using Personality.Settings;
using Personality.Steps;

namespace Personality.Tests.Record;

/// <summary>
/// boot's exit status, the fallback contract with rc.sysinit's hook, decided from the ledger:
/// set up, partly set up, not set up, not wanted, disabled, halt.
/// </summary>
public class BootExitStatusTests
{
    private static readonly Origin At = Origin.Of("test:1");

    private static RunRecord Record(string readOnly = "yes", string onFailure = "continue", params (Step Step, StepResult Result)[] steps)
    {
        var settings = new EffectiveSettings();
        settings.Set("READONLY", readOnly, "test");
        settings.Set("ON_FAILURE", onFailure, "test");
        var record = new RunRecord("boot", new TargetRoot("/tmp"), DateTimeOffset.UnixEpoch)
        {
            Settings = settings,
            OnFailure = onFailure == "halt" ? FailurePolicy.Halt : FailurePolicy.Continue,
        };
        var ledger = new Ledger();
        foreach (var (step, result) in steps)
        {
            ledger.Record(step, new StepOutcome(result, "test"), 1);
            if (result == StepResult.Failed) record.Diagnostics.Error($"{step} failed", step.Origin);
        }
        record.Steps = ledger.Entries;
        return record;
    }

    private static MountStep Scratch() => new(StageName.Scratch, "/var/lib/stateless/writable", At, "none", "tmpfs", MountOptions.Parse(""));
    private static CopyStep Copy(string path) => new(StageName.Rwtab, At, path, "/var/lib/stateless/writable", path, CopyMode.Full);
    private static BindStep Bind(string path) => new(StageName.Rwtab, path, At, Slave: true) { Source = "/var/lib/stateless/writable" + path };
    private static BindStep StateBind(string path) => new(StageName.Statetab, path, At, Slave: true) { Source = "/var/lib/stateless/state" + path };
    private static HostnameStep Hostname() => new(StageName.Hostname, "web01", At);

    [Fact]
    public void EveryBindMadeIsSetUpWhateverElseFailed()
    {
        var record = Record("yes", "continue",
            (Scratch(), StepResult.Applied), (Copy("/var/log"), StepResult.Applied), (Bind("/var/log"), StepResult.Applied),
            (StateBind("/etc/rc.d/rc3.d"), StepResult.Failed), (Hostname(), StepResult.Failed));
        Assert.Equal(RunResult.Failed, record.Result);
        Assert.Equal(ReadOnlyRootSetup.SetUp, ReadOnlyRootLedger.SetupOf(record));
        Assert.Equal(BootExitStatus.SetUp, BootExitStatus.Of(record));
    }

    [Fact]
    public void ASecondBootThatChangedNothingIsSetUp() =>
        Assert.Equal(BootExitStatus.SetUp, BootExitStatus.Of(Record("yes", "continue",
            (Scratch(), StepResult.Unchanged), (Copy("/tmp"), StepResult.Unchanged), (Bind("/tmp"), StepResult.Unchanged))));

    [Fact]
    public void AScratchAreaWithNothingToBindIsSetUp() =>
        Assert.Equal(BootExitStatus.SetUp, BootExitStatus.Of(Record("yes", "continue", (Scratch(), StepResult.Applied))));

    [Fact]
    public void SomeBindsMadeSomeNotIsPartlySetUp()
    {
        var record = Record("yes", "continue",
            (Scratch(), StepResult.Applied),
            (Copy("/var/log"), StepResult.Applied), (Copy("/var/lib/app"), StepResult.Failed),
            (Bind("/var/log"), StepResult.Applied), (Bind("/var/lib/app"), StepResult.Skipped));
        Assert.Equal(ReadOnlyRootSetup.PartlySetUp, ReadOnlyRootLedger.SetupOf(record));
        Assert.Equal(BootExitStatus.PartlySetUp, BootExitStatus.Of(record));
    }

    [Fact]
    public void AFailedCopyUnderABindMadeIsPartlySetUp() =>
        Assert.Equal(BootExitStatus.PartlySetUp, BootExitStatus.Of(Record("yes", "continue",
            (Scratch(), StepResult.Applied), (Copy("/var"), StepResult.Applied), (Copy("/var/log"), StepResult.Failed),
            (Bind("/var"), StepResult.Applied))));

    [Fact]
    public void AMissingRwtabPathIsNotAFailure() =>
        Assert.Equal(BootExitStatus.SetUp, BootExitStatus.Of(Record("yes", "continue",
            (Scratch(), StepResult.Applied), (new SkippedStep(StageName.Rwtab, StepKind.Copy, "/gone", At, "does not exist"), StepResult.Skipped),
            (Copy("/tmp"), StepResult.Applied), (Bind("/tmp"), StepResult.Applied))));

    [Fact]
    public void AFailedScratchAreaIsNotSetUp()
    {
        var record = Record("yes", "continue",
            (Scratch(), StepResult.Failed), (Copy("/tmp"), StepResult.Skipped), (Bind("/tmp"), StepResult.Skipped));
        Assert.Equal(ReadOnlyRootSetup.NotSetUp, ReadOnlyRootLedger.SetupOf(record));
        Assert.Equal(BootExitStatus.NotSetUp, BootExitStatus.Of(record));
    }

    [Fact]
    public void AScratchAreaWhoseEveryBindFailedIsNotSetUp() =>
        Assert.Equal(BootExitStatus.NotSetUp, BootExitStatus.Of(Record("yes", "continue",
            (Scratch(), StepResult.Applied), (Copy("/tmp"), StepResult.Applied), (Bind("/tmp"), StepResult.Failed))));

    [Fact]
    public void ARunStoppedBeforeItsSettingsIsNotSetUp()
    {
        var record = new RunRecord("boot", new TargetRoot("/tmp"), DateTimeOffset.UnixEpoch);
        record.Diagnostics.Error("internal error");
        Assert.Equal(BootExitStatus.NotSetUp, BootExitStatus.Of(record));
    }

    [Fact]
    public void ARunStoppedBeforeTheScratchStageIsNotSetUp() =>
        Assert.Equal(BootExitStatus.NotSetUp, BootExitStatus.Of(Record("yes", "continue")));

    [Theory]
    [InlineData("no")]
    [InlineData("")]
    public void ReadOnlyOffIsNotWanted(string readOnly) =>
        Assert.Equal(BootExitStatus.NotWanted, BootExitStatus.Of(Record(readOnly, "continue", (Hostname(), StepResult.Failed))));

    [Fact]
    public void TemporaryStateAloneIsWanted()
    {
        var record = Record("no", "continue", (Scratch(), StepResult.Applied));
        record.Settings!.Set("TEMPORARY_STATE", "yes", "test");
        Assert.Equal(BootExitStatus.SetUp, BootExitStatus.Of(record));
    }

    [Fact]
    public void DisabledIsDisabledWhateverTheSettings()
    {
        var record = Record("yes", "halt");
        record.Disabled = true;
        Assert.Equal(BootExitStatus.Disabled, BootExitStatus.Of(record));
    }

    [Theory]
    [InlineData(StepResult.Applied)]   // set up, but the hostname failed: the run failed
    [InlineData(StepResult.Failed)]    // not set up
    public void AFailedRunWithOnFailureHaltAsksToStop(StepResult scratch) =>
        Assert.Equal(BootExitStatus.Halt, BootExitStatus.Of(Record("yes", "halt", (Scratch(), scratch), (Hostname(), StepResult.Failed))));

    [Fact]
    public void HaltDoesNotStopARunThatDidNotFail() =>
        Assert.Equal(BootExitStatus.SetUp, BootExitStatus.Of(Record("yes", "halt", (Scratch(), StepResult.Applied))));

    [Fact]
    public void NoCodeIsOneTwoASysexitOrOneTheShellUses()
    {
        int[] codes = [BootExitStatus.SetUp, BootExitStatus.PartlySetUp, BootExitStatus.NotSetUp, BootExitStatus.NotWanted, BootExitStatus.Disabled, BootExitStatus.Halt];
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, c => Assert.True(c is 0 or (> 2 and < 64), $"exit {c}"));
    }
}
