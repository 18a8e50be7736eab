using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// ON_FAILURE=halt turns a failed run's exit status into 14 (the caller stops the boot); the
/// boot-in-progress marker never outlives a boot.
/// </summary>
[Collection("root")]
public sealed class FailurePolicyTests
{
    private static GuestTree FailingTree(string? onFailure)
    {
        var tree = GuestTree.Create("policy");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique(), ("RW_MOUNT", "/missing/scratch"));
        tree.WriteRwtab("empty /tmp\n");
        tree.AddDir("/tmp");
        if (onFailure is not null) tree.WriteSysconfig("personality", ("ON_FAILURE", onFailure));
        return tree;
    }

    [Theory]
    [InlineData(null, BootExitContract.NotSetUp)]
    [InlineData("continue", BootExitContract.NotSetUp)]
    [InlineData("halt", BootExitContract.Halt)]
    public void AFailedRunExitsAsThePolicySays(string? onFailure, int expectedExit)
    {
        using var tree = FailingTree(onFailure);
        var boot = tree.Run("boot 1 ''").Boot(1);
        Expect.Result("failed", boot);
        Assert.Equal(expectedExit, boot.ExitCode);
        Assert.False(File.Exists(tree.HostPath("/var/run/personality/boot.pid")), "boot.pid left behind");
    }

    [Fact]
    public void AnAppliedRunExitsZeroEvenWithHalt()
    {
        using var tree = GuestTree.Create("policy-ok");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteRwtab("empty /tmp\n");
        tree.AddDir("/tmp");
        tree.WriteSysconfig("personality", ("ON_FAILURE", "halt"));
        var boot = tree.Run("boot 1 ''").Boot(1);
        Expect.Result("applied", boot);
        Assert.Equal(0, boot.ExitCode);
    }
}
