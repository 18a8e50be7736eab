using Personality.Native;

namespace Personality.Tests.Native;

/// <summary>Changes a process-wide signal disposition for a moment: runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(InheritedSigchldTests), DisableParallelization = true)]
public sealed class InheritedSigchldCollection;

[Collection(nameof(InheritedSigchldTests))]
public sealed unsafe class InheritedSigchldTests
{
    private const int SIGCHLD = 17;

    [Fact]
    public void ACallerIgnoringSigchldDoesNotCostUsTheExitStatus()
    {
        ChildReaping.SignalAction saved, ignore = new() { Handler = 1 };
        Assert.Equal(152, sizeof(ChildReaping.SignalAction)); // glibc x86_64
        Assert.Equal(0, ChildReaping.Sigaction(SIGCHLD, &ignore, &saved));
        try
        {
            var exited = GuestProcess.Run(new GuestProcessRequest("/", "/bin/sh", ["-c", "exit 7"], new Dictionary<string, string>(), TimeSpan.FromSeconds(10)));
            var killed = GuestProcess.Run(new GuestProcessRequest("/", "/bin/sh", ["-c", "kill -TERM $$"], new Dictionary<string, string>(), TimeSpan.FromSeconds(10)));

            Assert.Equal(7, exited.ExitCode);
            Assert.Equal(15, killed.Signal);
        }
        finally { ChildReaping.Sigaction(SIGCHLD, &saved, null); }
    }
}
