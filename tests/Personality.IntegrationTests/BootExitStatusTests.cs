using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// boot's exit status with the real binary, one realistic tree per case of the fallback contract
/// (personality(8)): set up, partly set up, scratch area failed, READONLY off, disabled. Halt is
/// in <see cref="FailurePolicyTests"/>; the hook's side is tests/vm/hook-contract-test.sh.
/// </summary>
[Collection("root")]
public sealed class BootExitStatusTests
{
    private static GuestTree ReadOnlyTree(string name, params (string Key, string Value)[] readonlyRoot)
    {
        var tree = GuestTree.Create(name);
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique(), readonlyRoot);
        tree.WriteRwtab("empty /tmp\nfiles /var/lib/app\n");
        tree.Seed("/var/lib/app", isDirectory: true);
        return tree;
    }

    [Fact]
    public void SetUpIsZeroWhateverElseFailed()
    {
        // The state volume is required and absent: the run fails, the read-only root is set up all the same.
        var stateLabel = Labels.Unique();
        using var tree = GuestTree.Create("exit-setup");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.WriteSysconfig("personality", ("REQUIRED_LABELS", stateLabel), ("DEVICE_TIMEOUT", "1"));
        tree.WriteRwtab("empty /tmp\nfiles /var/lib/app\n");
        tree.Seed("/var/lib/app", isDirectory: true);

        var boot = tree.Run("boot 1 ''").Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        Assert.Equal(BootExitContract.SetUp, boot.ExitCode);
        Expect.MountAt(boot, tree, "/tmp");
        Expect.MountAt(boot, tree, "/var/lib/app");
    }

    [Fact]
    public void AConsoleThatFailsEveryWriteLeavesTheExitStatusAlone()
    {
        // Early in boot the console may fail every write (here /dev/full: ENOSPC on stdout and stderr).
        // The summary is lost, the record and the exit status are not: this was a SIGABRT (134), which
        // the hook takes for "not set up", found by tests/faults (strace inject=write:error=EIO).
        using var tree = ReadOnlyTree("exit-console");
        var run = tree.Run("""
            timeout 60 "$PERSONALITY_BIN" boot --root "$ROOT" --cmdline "" >/dev/full 2>/dev/full </dev/null
            echo $? >"$OUT/boot1.exit"
            cp "$ROOT/var/run/personality/status.json" "$OUT/boot1.status.json"
            cat /proc/self/mountinfo >"$OUT/boot1.mountinfo"
            : >"$OUT/boot1.stdout"; : >"$OUT/boot1.stderr"
            """);
        var boot = run.Boot(1);
        Assert.Equal(BootExitContract.SetUp, boot.ExitCode);
        Assert.True(boot.HasStatus, "status.json is written");
        Expect.MountAt(boot, tree, "/tmp");
        Expect.MountAt(boot, tree, "/var/lib/app");
    }

    [Fact]
    public void ARecordThatCannotBeRenamedIntoPlaceIsWrittenInPlace()
    {
        // An append-only /var/run/personality refuses the rename of the record's temporary file (as an
        // EIO there would): the record is written in place, not lost, and the last boot's stale one does
        // not stay. Found by tests/faults (strace inject=rename:error=EIO on the record's rename).
        using var tree = ReadOnlyTree("exit-record-rename");
        tree.AddFile("/var/run/personality/status.json", "{\"result\": \"stale\"}\n");
        var dir = tree.HostPath("/var/run/personality");
        Shell.Check("chattr", "+a", dir);
        try
        {
            var boot = tree.Run("boot 1 ''").Boot(1);
            Assert.Equal(BootExitContract.SetUp, boot.ExitCode);
            Assert.True(boot.HasStatus, "status.json is written");
            Assert.NotEqual("stale", boot.Status.Result);
            Expect.MountAt(boot, tree, "/var/lib/app");
        }
        finally
        {
            Shell.Run("chattr", ["-a", dir]);
        }
    }

    [Fact]
    public void AScratchAreaTooSmallForOneEntryIsPartlySetUp()
    {
        using var tree = ReadOnlyTree("exit-partial", ("RW_OPTIONS", "-o size=64k"));
        tree.AddDir("/var/lib/big").AddFile("/var/lib/big/blob", new string('x', 1 << 20));
        tree.WriteRwtab("empty /tmp\nfiles /var/lib/app\nfiles /var/lib/big\n");

        var boot = tree.Run("boot 1 ''").Boot(1);
        Expect.Booted(boot, tree);
        Assert.Equal(BootExitContract.PartlySetUp, boot.ExitCode);
        Expect.Step(boot, "/var/lib/big", "copy", "failed");
        Expect.Step(boot, "/var/lib/big", "bind", "skipped");
        Expect.MountAt(boot, tree, "/tmp");
        Assert.Contains("exit 10: the read-only root is only partly set up", boot.Stdout);
    }

    [Fact]
    public void AScratchAreaThatCannotBeMountedIsNotSetUp()
    {
        // RW_MOUNT names a file: neither a device nor tmpfs can be mounted there.
        using var tree = ReadOnlyTree("exit-scratch", ("RW_MOUNT", "/etc/scratch-is-a-file"));
        tree.AddFile("/etc/scratch-is-a-file", "not a directory\n");

        var boot = tree.Run("boot 1 ''").Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        Assert.Equal(BootExitContract.NotSetUp, boot.ExitCode);
        Expect.Step(boot, "/etc/scratch-is-a-file", "mount", "failed");
        Assert.DoesNotContain(boot.Status.Steps, s => s.Action == "bind" && s.Result is "applied" or "unchanged");
        Assert.Contains("exit 11: the read-only root is not set up", boot.Stdout);
    }

    [Fact]
    public void ReadOnlyOffIsNothingToSetUp()
    {
        using var tree = GuestTree.Create("exit-notwanted");
        tree.WriteRwtab("empty /tmp\n");

        var boot = tree.Run("boot 1 ''").Boot(1);
        Expect.Booted(boot, tree);
        Assert.Equal(BootExitContract.NotWanted, boot.ExitCode);
    }

    [Theory]
    [InlineData("personality=off", null)]
    [InlineData("", "no")]
    public void DisabledIsThirteen(string cmdline, string? enabled)
    {
        using var tree = ReadOnlyTree("exit-disabled");
        if (enabled is not null) tree.WriteSysconfig("personality", ("ENABLED", enabled), ("ON_FAILURE", "halt"));

        var boot = tree.Run($"boot 1 '{cmdline}'").Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("disabled", boot);
        Assert.Equal(BootExitContract.Disabled, boot.ExitCode);
    }
}
