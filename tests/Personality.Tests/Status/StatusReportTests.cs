using Personality.Record;
using Personality.Core;
using Personality.Status;

namespace Personality.Tests.Status;

public class StatusReportTests
{
    private static readonly Drift SomeDrift = new("bind", "/var/log", "bound from x", "not mounted");

    [Theory]
    [InlineData("applied", false, "applied", 0)]
    [InlineData("applied", true, "degraded", 1)]
    [InlineData("degraded", false, "degraded", 1)]
    [InlineData("degraded", true, "degraded", 1)]
    [InlineData("failed", false, "failed", 2)]
    [InlineData("failed", true, "failed", 2)]
    [InlineData("disabled", false, "disabled", 3)]
    [InlineData("something-new", false, "failed", 2)]
    public void VerdictAndExitCodeFollowTheRecordAndDrift(string recorded, bool drift, string result, int exit)
    {
        var report = new StatusReport("/s.json", new RecordText { Result = recorded }.Parse(), drift ? [SomeDrift] : []);
        Assert.Equal(result, report.Result);
        Assert.Equal(exit, report.ExitCode);
    }

    [Fact]
    public void NoRecordIsNeverRanExit3()
    {
        using var tree = new TempDir();
        var report = Load(tree);
        Assert.Equal(("never-ran", 3), (report.Result, report.ExitCode));
        Assert.Null(report.Record);
    }

    [Fact]
    public void AnUnreadableRecordIsFailedExit2WithTheReason()
    {
        using var tree = new TempDir();
        tree.Write("var/run/personality/status.json", "{ not json");
        var report = Load(tree);
        Assert.Equal(("unreadable", 2), (report.Result, report.ExitCode));
        Assert.Contains("/var/run/personality/status.json is not a valid record", report.Problem);
    }

    [Fact]
    public void TheRecordIsFoundThroughAVarRunLinkInsideTheRoot()
    {
        using var tree = new TempDir();
        tree.Dir("var");
        File.CreateSymbolicLink(Path.Combine(tree.Path, "var/run"), "/run"); // absolute: must stay in the tree
        tree.Write("run/personality/status.json", new RecordText { Result = "degraded" }.ToString());
        var report = Load(tree);
        Assert.Equal(("degraded", 1), (report.Result, report.ExitCode));
    }

    [Fact]
    public void ARunningBootIsExit3AndItsPidIsReported()
    {
        using var tree = new TempDir();
        tree.Write("var/run/personality/status.json", new RecordText().ToString());
        tree.Write("var/run/personality/boot.pid", $"{Environment.ProcessId}\n");
        var report = Load(tree);
        Assert.Equal(("running", 3), (report.Result, report.ExitCode));
        Assert.Equal(Environment.ProcessId, report.BootPid);
    }

    [Fact]
    public void ADisabledRunIsNotCheckedForDrift()
    {
        using var tree = new TempDir();
        tree.Write("var/run/personality/status.json",
            new RecordText { Result = "disabled" }.Step("rwtab", "bind", "/var/log", source: "/x/var/log").ToString());
        var report = Load(tree);
        Assert.Equal(("disabled", 3), (report.Result, report.ExitCode));
        Assert.Empty(report.Drift);
    }

    [Fact]
    public void RecordWrittenByBootReadsBack()
    {
        var run = new Personality.Record.RunRecord("boot", new TargetRoot("/r"), DateTimeOffset.UnixEpoch) { TotalMilliseconds = 4.5 };
        run.Volumes.Add(new Personality.Record.VolumeRecord("scratch", "lbl", "/dev/loop9", "u-u", "xfs", 7, "/var/lib/stateless/writable"));
        var skipped = new Personality.Steps.SkippedStep(Personality.Pipeline.StageName.Rwtab, Personality.Steps.StepKind.Bind, "/var/x",
            new Origin("/etc/rwtab", 3, 6), "/var/x does not exist");
        run.Steps = [new Personality.Pipeline.LedgerEntry(skipped, skipped.KnownOutcome!, 0)];
        run.Diagnostics.Warn("careful", new Origin("/etc/rwtab", 4, 1), "do this");

        var record = StatusRecord.Parse(Personality.Record.StatusJsonWriter.Serialize(run));
        Assert.Equal(1, record.SchemaVersion);
        Assert.Equal("degraded", record.Result);
        Assert.Equal(4.5, record.TotalMs);
        Assert.Null(record.Personality);
        Assert.Equal(new RecordedVolume("scratch", "lbl", "/dev/loop9", "u-u", "xfs", 7, "/var/lib/stateless/writable"), Assert.Single(record.Volumes));
        var step = Assert.Single(record.Steps);
        Assert.Equal(("bind", "/var/x", "/etc/rwtab:3:6", "skipped", "/var/x does not exist"), (step.Action, step.Target, step.Origin, step.Result, step.Detail));
        Assert.Equal(Personality.Steps.StepKind.Bind, step.Kind);
        Assert.Equal(new RecordedDiagnostic("warning", "careful", "/etc/rwtab:4:1", "do this"), Assert.Single(record.Warnings));
    }

    private static StatusReport Load(TempDir tree)
    {
        using var system = new FakeSystem();
        return StatusReport.Load(new TargetRoot(tree.Path), system.Context());
    }
}
