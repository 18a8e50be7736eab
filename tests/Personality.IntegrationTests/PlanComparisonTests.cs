using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>The harness's rule for "the plan is what boot did" (<see cref="PlanComparison"/>), on made-up step lists.</summary>
public sealed class PlanComparisonTests
{
    private static StatusStep Step(string action, string target, string result, string? detail = null, string origin = "/etc/rwtab:1:1") =>
        new("rwtab", action, target, null, origin, result, 0, detail);

    private const string DependencyFailed = "needs 'mount tmpfs none -> /x', which did not succeed";

    [Theory]
    [InlineData("planned", "applied")]
    [InlineData("planned", "unchanged")]
    [InlineData("planned", "failed")]
    [InlineData("unchanged", "unchanged")]
    [InlineData("skipped", "skipped")]
    public void ResultsMayDifferAsOnlyDoingTellsThem(string planned, string done) =>
        Assert.Null(PlanComparison.Difference([Step("bind", "/a", planned)], [Step("bind", "/a", done)]));

    [Theory]
    [InlineData("unchanged", "applied")]
    [InlineData("skipped", "applied")]
    [InlineData("planned", "skipped")]
    [InlineData("failed", "applied")]
    public void OtherResultPairsDiffer(string planned, string done) =>
        Assert.Contains("step 1", PlanComparison.Difference([Step("bind", "/a", planned)], [Step("bind", "/a", done)]));

    [Fact]
    public void ASkipBecauseADependencyFailedAtBootIsAllowedOnlyAfterAFailure()
    {
        Assert.Null(PlanComparison.Difference(
            [Step("mount", "/x", "planned"), Step("bind", "/a", "planned")],
            [Step("mount", "/x", "failed"), Step("bind", "/a", "skipped", DependencyFailed)]));
        Assert.NotNull(PlanComparison.Difference(
            [Step("mount", "/x", "planned"), Step("bind", "/a", "planned")],
            [Step("mount", "/x", "applied"), Step("bind", "/a", "skipped", DependencyFailed)]));
    }

    [Fact]
    public void TheHostnameHeldBackInTheMachinesUtsNamespaceIsAllowed() =>
        Assert.Null(PlanComparison.Difference([Step("hostname", "web01", "planned")],
            [Step("hostname", "web01", "skipped", "--root is not the live root and this is the machine's own UTS namespace: its hostname is left alone")]));

    [Fact]
    public void AMissingExtraOrReorderedStepOrAnotherOriginIsADifference()
    {
        StatusStep[] two = [Step("bind", "/a", "planned"), Step("bind", "/b", "planned")];
        Assert.Contains("only boot has it", PlanComparison.Difference(two[..1], [Step("bind", "/a", "applied"), Step("bind", "/b", "applied")]));
        Assert.Contains("only dry-run has it", PlanComparison.Difference(two, [Step("bind", "/a", "applied")]));
        Assert.Contains("step 1: the steps differ", PlanComparison.Difference(two, [Step("bind", "/b", "applied"), Step("bind", "/a", "applied")]));
        Assert.Contains("the steps differ", PlanComparison.Difference([Step("bind", "/a", "planned")], [Step("bind", "/a", "applied", origin: "/etc/rwtab:2:1")]));
    }
}
