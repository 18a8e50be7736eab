namespace Personality.Native;

/// <summary>What to run in a guest: a hook, the guest's own chkconfig.</summary>
/// <param name="RootDirectory">Host path of the guest root; "/" is the live system.</param>
/// <param name="Program">Absolute guest path of the program (no PATH search).</param>
/// <param name="Environment">Added to the fixed minimal environment (and may override it): PATH, HOME=/, LANG=C.</param>
/// <param name="OutputLimitBytes">How much of the end of the output is kept.</param>
public sealed record GuestProcessRequest(
    string RootDirectory,
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout,
    int OutputLimitBytes = 64 * 1024);

/// <summary>How a guest process ended. Never an exception: a program that cannot start is a <see cref="StartError"/>.</summary>
/// <param name="ExitCode">Null when killed by a signal or not started.</param>
/// <param name="Signal">The terminating signal, if any (SIGKILL after a timeout).</param>
/// <param name="StartError">Why the program could not be started at all, e.g. "…: Exec format error (ENOEXEC)".</param>
/// <param name="Output">stdout and stderr interleaved: the last OutputLimitBytes bytes, decoded as UTF-8 leniently.</param>
/// <param name="OutputBytes">Everything the process wrote, kept or not.</param>
public sealed record GuestProcessResult(
    int? ExitCode,
    int? Signal,
    bool TimedOut,
    string? StartError,
    string Output,
    long OutputBytes,
    bool OutputTruncated)
{
    public static GuestProcessResult NotStarted(string error) => new(null, null, false, error, "", 0, false);
}

/// <summary>
/// Runs one guest program, bounded: posix_spawn with default signals and its own process group,
/// contained in the guest tree by a private pivot_root when the root is not "/", a deadline that
/// does not wait for the output to close, the whole group killed at the end, output kept to a tail.
/// </summary>
public static class GuestProcess
{
    public static GuestProcessResult Run(GuestProcessRequest request) => Run(request, usePidFd: true);

    /// <param name="usePidFd">False follows the process the way kernels before 5.3 (no pidfd_open) make us: tests.</param>
    internal static GuestProcessResult Run(GuestProcessRequest request, bool usePidFd)
    {
        GuestProcessArguments.Validate(request);
        ChildReaping.EnsureNotAutomatic();
        var deadline = ProcessWatch.Deadline(request.Timeout);
        var stdin = -1;
        var (outputRead, outputWrite, pipeErrno) = ProcessCalls.Pipe();
        try
        {
            if (pipeErrno != 0) return GuestProcessResult.NotStarted(ErrnoNames.Message("pipe2", pipeErrno));
            // Opened here, not by a file action: the guest tree may have no /dev/null.
            try { stdin = FileCalls.Open("/dev/null", FileCalls.O_RDONLY); }
            catch (NativeException e) { return GuestProcessResult.NotStarted(ErrnoNames.Message("open /dev/null", e.Errno)); }

            using var spawn = new PreparedSpawn(request.Program, GuestProcessArguments.Argv(request), GuestProcessArguments.Environment(request));
            if (spawn.Configure(stdin, outputWrite, InheritedDescriptors.WithoutCloseOnExec()) is { } configureError) return GuestProcessResult.NotStarted(configureError);
            var (pid, startError) = GuestProcessArguments.IsLiveRoot(request.RootDirectory)
                ? spawn.Spawn()
                : SpawnContained(request.RootDirectory, spawn);
            // Only the child may hold the write end now, or the pipe would never report its end.
            FileCalls.CloseQuietly(outputWrite);
            outputWrite = -1;
            if (startError is not null) return GuestProcessResult.NotStarted(startError);
            return new ProcessWatch(pid, outputRead, new OutputTail(request.OutputLimitBytes), deadline).Follow(usePidFd);
        }
        finally
        {
            foreach (var fd in new[] { stdin, outputRead, outputWrite })
                if (fd >= 0) FileCalls.CloseQuietly(fd);
        }
    }

    /// <summary>
    /// Spawns from a short-lived thread that first moves into a private root (see <see cref="PrivateRoot"/>).
    /// The child keeps that namespace alive; the thread ends right after the spawn, so the watching
    /// happens back here with the host's files in view.
    /// </summary>
    private static (int Pid, string? Error) SpawnContained(string rootDirectory, PreparedSpawn spawn)
    {
        (int Pid, string? Error) outcome = (0, "the spawning thread did not finish");
        var thread = new Thread(() =>
        {
            try { outcome = PrivateRoot.Enter(rootDirectory) is { } error ? (0, error) : spawn.Spawn(); }
            catch (Exception e) { outcome = (0, $"cannot set up the private root {rootDirectory}: {e.Message}"); } // a thread must not crash the process
        })
        { Name = "guest-process-spawn", IsBackground = true };
        thread.Start();
        thread.Join();
        return outcome;
    }
}
