using System.Diagnostics;
using System.Runtime.InteropServices;
using Personality.Native;

namespace Personality.Tests.Native;

/// <summary>GuestProcess on the live root ("/"): start errors, signals, environment, time and output bounds.</summary>
public sealed partial class GuestProcessTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static GuestProcessResult Run(string program, string[] arguments, TimeSpan? timeout = null,
        Dictionary<string, string>? environment = null, int outputLimit = 64 * 1024, bool usePidFd = true) =>
        GuestProcess.Run(new GuestProcessRequest("/", program, arguments, environment ?? [], timeout ?? Generous, outputLimit), usePidFd);

    private static GuestProcessResult Shell(string script, TimeSpan? timeout = null, int outputLimit = 64 * 1024, bool usePidFd = true) =>
        Run("/bin/sh", ["-c", script], timeout, outputLimit: outputLimit, usePidFd: usePidFd);

    private static string[] Lines(GuestProcessResult result) => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // ---- 1. nothing the program is or does throws ----

    public enum Broken { Missing, NoShebang, NotExecutable, Directory, MissingInterpreter }

    [Theory]
    [InlineData(Broken.Missing, "ENOENT")]
    [InlineData(Broken.NoShebang, "ENOEXEC")]
    [InlineData(Broken.NotExecutable, "EACCES")]
    [InlineData(Broken.Directory, "EACCES")]
    [InlineData(Broken.MissingInterpreter, "ENOENT")]
    public void AProgramThatCannotStartIsAStartErrorNotAnException(Broken kind, string errnoName)
    {
        var program = kind switch
        {
            Broken.Missing => _dir.Path + "/does-not-exist",
            Broken.NoShebang => Executable("no-shebang", "echo hi\n", "755"),
            Broken.NotExecutable => Executable("not-executable", "#!/bin/sh\necho hi\n", "644"),
            Broken.Directory => _dir.Dir("a-directory"),
            _ => Executable("missing-interpreter", "#!/nonexistent/sh\necho hi\n", "755"),
        };

        var result = Run(program, []);

        Assert.NotNull(result.StartError);
        Assert.Contains(errnoName, result.StartError);
        Assert.StartsWith(program + ":", result.StartError);
        Assert.Equal((null, null, false, "", 0L), (result.ExitCode, result.Signal, result.TimedOut, result.Output, result.OutputBytes));
    }

    [Fact]
    public void MistakesOfTheCallerAreArgumentExceptions()
    {
        Assert.Throws<ArgumentException>(() => Run("bin/sh", []));
        Assert.Throws<ArgumentException>(() => GuestProcess.Run(new("relative/root", "/bin/sh", [], new Dictionary<string, string>(), Generous)));
        Assert.ThrowsAny<ArgumentException>(() => Run("/bin/true", [], TimeSpan.Zero));
        Assert.ThrowsAny<ArgumentException>(() => Run("/bin/true", [], outputLimit: 0));
        Assert.Throws<ArgumentException>(() => Run("/bin/true", [], environment: new() { ["A=B"] = "x" }));
        Assert.Throws<ArgumentException>(() => Run("/bin/true", ["a\0b"]));
    }

    private string Executable(string name, string content, string mode)
    {
        var path = _dir.Write(name, content);
        FileCalls.Chmod(path, Convert.ToUInt32(mode, 8));
        return path;
    }

    // ---- 2. what the child inherits: default signals, empty mask, own group, three descriptors ----

    [Fact]
    public void APipelineEndsByBrokenPipeAsInAnyShell()
    {
        // .NET ignores SIGPIPE: inherited, `yes` would see EPIPE and complain instead of dying quietly.
        var result = Shell("yes | head -1", TimeSpan.FromSeconds(10));
        Assert.Equal((0, false, "y\n"), (result.ExitCode, result.TimedOut, result.Output));
    }

    [Fact]
    public void TheChildHasNoIgnoredOrBlockedSignals()
    {
        var result = Run("/bin/grep", ["-E", "^(SigBlk|SigIgn):", "/proc/self/status"]);
        Assert.Equal(["SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"], Lines(result));
    }

    [Fact]
    public void TheChildLeadsItsOwnProcessGroup()
    {
        var fields = Run("/bin/cat", ["/proc/self/stat"]).Output.Split(' ');
        Assert.Equal(fields[0], fields[4]); // pid == pgrp
        Assert.NotEqual(Environment.ProcessId.ToString(), fields[4]);
    }

    [Fact]
    public void StdinIsDevNullAndStdoutAndStderrShareOnePipe()
    {
        var lines = Run("/usr/bin/readlink", ["/proc/self/fd/0", "/proc/self/fd/1", "/proc/self/fd/2"]).Output.Split('\n');
        Assert.Equal("/dev/null", lines[0]);
        Assert.StartsWith("pipe:", lines[1]);
        Assert.Equal(lines[1], lines[2]);
    }

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [Fact]
    public void NoOtherDescriptorReachesTheChildNotEvenOnesWeInherited()
    {
        // dup() drops close-on-exec: the kind of descriptor a caller (rc.sysinit, a test harness) leaves us.
        var file = FileCalls.Open(_dir.Write("held-open", "x"), FileCalls.O_RDONLY);
        var inherited = Dup(file);
        try
        {
            var result = Run("/bin/ls", ["/proc/self/fd"]);
            Assert.Equal(["0", "1", "2", "3"], Lines(result)); // 3: the directory ls itself is reading
        }
        finally
        {
            FileCalls.CloseQuietly(inherited);
            FileCalls.CloseQuietly(file);
        }
    }

    [Fact]
    public void TheWorkingDirectoryIsTheRootAsUnderAnotherRoot() => Assert.Equal("/\n", Run("/bin/pwd", []).Output);

    [Fact]
    public void StdoutAndStderrAreInterleavedInOrder()
    {
        var result = Shell("echo out; echo err >&2; echo out2");
        Assert.Equal("out\nerr\nout2\n", result.Output);
    }

    // ---- 6. exit codes and signals ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // kernels without pidfd_open
    public void AnExitCodeIsReported(bool usePidFd)
    {
        var result = Shell("exit 3", usePidFd: usePidFd);
        Assert.Equal((3, (int?)null, false, (string?)null), (result.ExitCode, result.Signal, result.TimedOut, result.StartError));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // kernels without pidfd_open
    public void AProcessKilledBySigtermReportsTheSignal(bool usePidFd)
    {
        var result = Shell("kill -TERM $$; sleep 10", usePidFd: usePidFd);
        Assert.Equal(((int?)null, (int?)15, false), (result.ExitCode, result.Signal, result.TimedOut));
    }

    // ---- 7. environment ----

    [LibraryImport("libc", EntryPoint = "setenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetNativeEnvironment(string name);

    [Fact]
    public void TheEnvironmentIsTheMinimalOnePlusTheRequestsOnly()
    {
        var secret = Guid.NewGuid().ToString("N");
        // Set both ways: .NET keeps its own copy, libc's environ is what a careless spawn would pass on.
        Environment.SetEnvironmentVariable("PERSONALITY_TEST_SECRET", secret);
        SetNativeEnvironment("PERSONALITY_TEST_SECRET", secret, 1);
        try
        {
            var result = Run("/usr/bin/env", [], environment: new() { ["PERSONALITY_HOOK"] = "10-warm", ["LANG"] = "C.UTF-8" });

            Assert.Equal(["HOME=/", "LANG=C.UTF-8", "PATH=/sbin:/usr/sbin:/bin:/usr/bin", "PERSONALITY_HOOK=10-warm"], Lines(result));
            Assert.DoesNotContain(secret, result.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PERSONALITY_TEST_SECRET", null);
            UnsetNativeEnvironment("PERSONALITY_TEST_SECRET");
        }
    }

    // ---- 4. bounded time ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // kernels without pidfd_open
    public void ABackgroundChildHoldingTheOutputDoesNotKeepUsWaitingAndDies(bool usePidFd)
    {
        var clock = Stopwatch.StartNew();
        var result = Shell("echo $$; sleep 1000 & echo $!; exit 0", usePidFd: usePidFd);
        clock.Stop();

        Assert.Equal((0, false), (result.ExitCode, result.TimedOut));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        var lines = Lines(result);
        var (group, sleeper) = (int.Parse(lines[0]), int.Parse(lines[1]));
        Assert.True(ProcessTable.IsDeadWithin(sleeper, TimeSpan.FromSeconds(2)), $"sleep {sleeper} still runs");
        Assert.Empty(ProcessTable.LiveMembers(group));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // kernels without pidfd_open
    public void ATimeoutKillsTheWholeGroupAndKeepsTheOutputSoFar(bool usePidFd)
    {
        var clock = Stopwatch.StartNew();
        var result = Shell("echo $$; sleep 100 & echo started; exec sleep 100", TimeSpan.FromSeconds(1), usePidFd: usePidFd);
        clock.Stop();

        Assert.True(result.TimedOut);
        Assert.Equal(((int?)null, (int?)9), (result.ExitCode, result.Signal));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        var lines = Lines(result);
        Assert.Equal("started", lines[1]);
        var group = int.Parse(lines[0]);
        Assert.True(ProcessTable.IsDeadWithin(group, TimeSpan.FromSeconds(2)));
        Assert.Empty(ProcessTable.LiveMembers(group));
    }

    [Fact]
    public void RunsInSequenceEachKeepTheirOwnTimeout()
    {
        var first = Stopwatch.StartNew();
        var one = Run("/bin/sleep", ["100"], TimeSpan.FromSeconds(1));
        first.Stop();
        var second = Stopwatch.StartNew();
        var two = Run("/bin/sleep", ["100"], TimeSpan.FromSeconds(2));
        second.Stop();

        Assert.True(one.TimedOut && two.TimedOut);
        Assert.InRange(first.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.InRange(second.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(4));
    }

    // ---- 5. bounded output ----

    [Fact]
    public void HundredMegabytesOfOutputCostOnlyTheTail()
    {
        const long hundredMegabytes = 100L * 1024 * 1024;
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = Run("/usr/bin/head", ["-c", hundredMegabytes.ToString(), "/dev/zero"]);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(hundredMegabytes, result.OutputBytes);
        Assert.True(result.OutputTruncated);
        Assert.Equal(64 * 1024, result.Output.Length);
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void OnlyTheLastBytesAreKept()
    {
        var result = Shell("printf 0123456789abcdef", outputLimit: 10);
        Assert.Equal(("6789abcdef", 16L, true), (result.Output, result.OutputBytes, result.OutputTruncated));
    }

    [Fact]
    public void InvalidUtf8IsDecodedLeniently()
    {
        var result = Shell(@"printf 'a\377b'");
        Assert.Equal(("a\uFFFDb", 3L, false), (result.Output, result.OutputBytes, result.OutputTruncated));
    }
}
