using Personality.Native;

namespace Personality.Tests.Native;

/// <summary>
/// GuestProcess under another root: the program runs inside a private pivot_root of the tree, so
/// the host's files are not there to be written, even by a root hook that tries to climb out.
/// </summary>
public sealed class GuestProcessContainmentTests : IDisposable
{
    private readonly TempDir _tree = new();
    private readonly TempDir _host = new();

    public GuestProcessContainmentTests()
    {
        BusyboxTree.Install(_tree.Path);
        _tree.Dir("mnt");
    }

    public void Dispose()
    {
        _tree.Dispose();
        _host.Dispose();
    }

    private GuestProcessResult RunInTree(string program, Dictionary<string, string>? environment = null) =>
        GuestProcess.Run(new GuestProcessRequest(_tree.Path, program, [], environment ?? [], TimeSpan.FromSeconds(20)));

    [RootFact]
    public void ARootHookCannotWriteOutsideTheTree()
    {
        var hostFile = Path.Combine(_host.Path, "escaped");
        var hook = _tree.Write("hook.sh", """
            #!/bin/sh
            echo escaped > "$HOST_FILE" && echo "wrote absolute"
            cd / && cd ../../../../.. && echo escaped > ".$HOST_FILE" && echo "wrote by climbing"
            # The classic chroot escape: chroot deeper, climb from there.
            mkdir -p /jail/bin && cp /bin/busybox /jail/bin/sh && echo "jail ready" &&
              chroot /jail /bin/sh -c 'cd ../../../..; echo escaped > ".$HOST_FILE"' && echo "wrote from a chroot"
            mount -t tmpfs none /mnt && echo "mounted"
            mkdir -p "$(dirname "$HOST_FILE")" && echo inside > "$HOST_FILE" && echo "wrote inside"
            ls /
            """);
        FileCalls.Chmod(hook, Convert.ToUInt32("755", 8));

        var result = RunInTree("/hook.sh", new() { ["HOST_FILE"] = hostFile });

        Assert.Null(result.StartError);
        Assert.Equal(0, result.ExitCode);
        // Error lines of the failed attempts (the tree has no /dev/null to hide them in) are left out.
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.Contains("can't create")).ToList();
        Assert.Equal(["jail ready", "mounted", "wrote inside", "bin", "hook.sh", "jail", "mnt", "tmp"], lines);
        Assert.Equal(3, result.Output.Split('\n').Count(line => line.Contains($"can't create .{hostFile}") || line.Contains($"can't create {hostFile}")));
        Assert.False(File.Exists(hostFile), "the hook wrote a host file");
        Assert.Equal("inside\n", File.ReadAllText(_tree.Path + hostFile));
        // Its mounts, and the tree's own bind mount, stayed in the namespace that died with it.
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), line => line.Contains(_tree.Path));
    }

    [RootFact]
    public void AProgramIsLookedUpInTheTreeNotOnTheHost()
    {
        var result = RunInTree("/usr/bin/env"); // exists on the host, not in the tree
        Assert.NotNull(result.StartError);
        Assert.Contains("ENOENT", result.StartError);
    }

    [RootFact]
    public void AFailedSetupNamesTheCall()
    {
        var result = GuestProcess.Run(new GuestProcessRequest(_tree.Path + "/no-such-root", "/bin/sh", [], new Dictionary<string, string>(), TimeSpan.FromSeconds(5)));
        Assert.NotNull(result.StartError);
        Assert.StartsWith("mount " + _tree.Path + "/no-such-root", result.StartError);
        Assert.Contains("ENOENT", result.StartError);
    }
}
