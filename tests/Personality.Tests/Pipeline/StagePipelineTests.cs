using System.ComponentModel;
using Moq;
using Personality.Core;
using Personality.Discovery;
using Personality.Manifests;
using Personality.Pipeline;
using Personality.Services;
using Personality.Settings;
using Personality.Steps;

namespace Personality.Tests.Pipeline;

/// <summary>
/// The pipeline's rules, the same for boot and dry-run: any exception a step throws (of any kind,
/// from any step kind) is that step's failure and an error of the run; later steps still run;
/// dependents of a failed step are skipped; a stage that throws while planning is an error too.
/// </summary>
public class StagePipelineTests
{
    private static readonly Origin At = Origin.Of("test:1");

    /// <summary>One step of every kind.</summary>
    public static TheoryData<string> Kinds() => [.. Enum.GetNames<StepKind>()];

    private static Step Of(StepKind kind) => kind switch
    {
        StepKind.Mount => new MountStep(StageName.Scratch, "/m", At, "none", "tmpfs", MountOptions.Parse("")),
        StepKind.Wipe => new WipeStep(StageName.Scratch, "/m", At, new MountStep(StageName.Scratch, "/m", At, "none", "tmpfs", MountOptions.Parse(""))),
        StepKind.Copy => new CopyStep(StageName.Rwtab, At, "/a", "/area", "/a", CopyMode.Full),
        StepKind.Bind => new BindStep(StageName.Rwtab, "/a", At, Slave: true) { Source = "/area/a" },
        StepKind.FileCopy => new FilePlaceStep(StageName.Files, "/etc/x", At, FileHow.Copy, null, null, false) { Source = "/v/x" },
        StepKind.FileBind => new FilePlaceStep(StageName.Files, "/etc/x", At, FileHow.Bind, null, null, false) { Source = "/v/x" },
        StepKind.Hook => new HookStep(StageName.Hooks, "/v/h.sh", At, TimeSpan.FromSeconds(1), new Dictionary<string, string>()),
        StepKind.Hostname => new HostnameStep(StageName.Hostname, "web01", At),
        StepKind.ServiceOn => new ServiceStep(StageName.Services, "httpd", At, true, "345", ServiceBackendKind.Native, ChkconfigDialect.Current),
        StepKind.ServiceOff => new ServiceStep(StageName.Services, "cups", At, false, "345", ServiceBackendKind.Native, ChkconfigDialect.Current),
        _ => new SkippedStep(StageName.Statetab, kind, "/etc/statetab", At, "no state volume"),
    };

    private sealed class FixedStage(StageName name, Func<RunContext, IReadOnlyList<Step>> plan) : IStage
    {
        public StageName Name => name;
        public IReadOnlyList<Step> Plan(RunContext run) => plan(run);
    }

    private static RunContext Run(Diagnostics diagnostics)
    {
        using var tree = new TempDir();
        var root = new TargetRoot(tree.Path);
        var settings = BootSettings.From(new EffectiveSettings(), diagnostics);
        return new RunContext(root, settings, new DirectoryVolumes([]), diagnostics);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnyExceptionOfAnyStepKindIsThatStepsFailureAndTheRunGoesOn(string kindName)
    {
        var kind = Enum.Parse<StepKind>(kindName);
        var step = Of(kind);
        var dependent = new HostnameStep(StageName.Hostname, "after", At) { DependsOn = [step] };
        var later = new HostnameStep(StageName.Hostname, "independent", At);
        var runner = new Mock<IStepRunner>();
        runner.SetupGet(r => r.DependencyVerb).Returns("did not");
        runner.Setup(r => r.Execute(step, It.IsAny<Ledger>())).Throws(new Win32Exception(8, "Exec format error"));
        runner.Setup(r => r.Execute(later, It.IsAny<Ledger>())).Returns(StepOutcome.Applied());
        var d = new Diagnostics();
        var run = Run(d);

        new StagePipeline([new FixedStage(StageName.Hooks, _ => [step, dependent, later])]).Run(run, runner.Object);

        var outcomes = run.Ledger.Entries.Select(e => e.Outcome).ToList();
        Assert.Equal(3, outcomes.Count);
        if (step.KnownOutcome is null)
        {
            Assert.Equal(StepResult.Failed, outcomes[0].Result);
            Assert.Contains("Exec format error", outcomes[0].Detail);
            Assert.Contains(d.All, x => x.Severity == Severity.Error && x.Message.Contains("Exec format error"));
        }
        Assert.Equal(StepResult.Skipped, outcomes[1].Result);
        Assert.Equal(StepResult.Applied, outcomes[2].Result);
    }

    [Theory]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(InvalidCastException))]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(KeyNotFoundException))]
    public void AStageThatThrowsWhilePlanningIsAnErrorAndLaterStagesStillRun(Type exception)
    {
        var later = new HostnameStep(StageName.Hostname, "web01", At);
        var runner = new Mock<IStepRunner>();
        runner.Setup(r => r.Execute(later, It.IsAny<Ledger>())).Returns(StepOutcome.Applied());
        var d = new Diagnostics();
        var run = Run(d);

        new StagePipeline(
        [
            new FixedStage(StageName.Files, _ => throw (Exception)Activator.CreateInstance(exception, "planning broke")!),
            new FixedStage(StageName.Hostname, _ => [later]),
        ]).Run(run, runner.Object);

        Assert.Contains(d.All, x => x.Severity == Severity.Error && x.Message.StartsWith("files: internal error while planning") && x.Message.Contains("planning broke"));
        Assert.Equal(StepResult.Applied, Assert.Single(run.Ledger.Entries).Outcome.Result);
    }

    [Fact]
    public void TheLedgerKeepsTwoIdenticalStepsApart()
    {
        var a = new HostnameStep(StageName.Hostname, "same", At);
        var b = new HostnameStep(StageName.Hostname, "same", At);
        var ledger = new Ledger();
        ledger.Record(a, StepOutcome.Failed("x"), 0);
        ledger.Record(b, StepOutcome.Applied(), 0);
        Assert.False(ledger.Succeeded(a));
        Assert.True(ledger.Succeeded(b));
    }
}
