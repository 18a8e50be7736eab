using System.Diagnostics;

namespace Personality.Native;

/// <summary>
/// Follows a spawned process to its end: collects its output while waiting, with a deadline
/// that does not depend on the output closing (a background child may hold the pipe forever).
/// Once the process exits, or the deadline passes, its whole process group is killed.
/// </summary>
internal sealed class ProcessWatch(int pid, int outputFd, OutputTail output, long deadline)
{
    private const int ReadBufferSize = 16 * 1024;
    private const int FallbackPollMs = 50;       // kernels without pidfd_open: how often to look for the exit
    private const int DrainLimitReads = 64;      // after the end: at most this many reads of what is still buffered
    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(2); // after SIGKILL on timeout

    private readonly byte[] _buffer = new byte[ReadBufferSize];
    private bool _outputOpen = true;

    public GuestProcessResult Follow(bool usePidFd = true)
    {
        var pidFd = usePidFd ? ProcessCalls.OpenPidFd(pid) : -1;
        try
        {
            var exited = WaitForExit(pidFd);
            // The exited leader is still an unreaped zombie, so its group id cannot have been reused.
            ProcessCalls.Kill(-pid);
            if (!exited) ProcessCalls.Kill(pid); // in case it left its group
            Drain();
            var status = exited ? ProcessCalls.Reap(pid, block: true) : ReapWithin(pidFd, ReapGrace);
            return Result(status, timedOut: !exited);
        }
        finally
        {
            if (pidFd >= 0) FileCalls.CloseQuietly(pidFd);
        }
    }

    /// <summary>True when the process exited, false when the deadline passed first.</summary>
    private bool WaitForExit(int pidFd)
    {
        Span<ProcessCalls.PollFd> fds = stackalloc ProcessCalls.PollFd[2];
        while (!ProcessCalls.HasExited(pid))
        {
            var remaining = RemainingMs(deadline);
            if (remaining <= 0) return false;
            var count = 0;
            if (_outputOpen) fds[count++] = new() { Fd = outputFd, Events = ProcessCalls.POLLIN };
            if (pidFd >= 0) fds[count++] = new() { Fd = pidFd, Events = ProcessCalls.POLLIN };
            var wait = pidFd >= 0 ? remaining : Math.Min(remaining, FallbackPollMs);
            if (ProcessCalls.Poll(fds[..count], wait) < 0) Thread.Sleep(Math.Min(wait, FallbackPollMs)); // ENOMEM: try again later
            else if (_outputOpen && fds[0].Returned != 0) ReadOnce();
        }
        return true;
    }

    /// <summary>What is still buffered in the pipe, without waiting for writers that may never close it.</summary>
    private void Drain()
    {
        Span<ProcessCalls.PollFd> fd = stackalloc ProcessCalls.PollFd[1];
        for (var reads = 0; _outputOpen && reads < DrainLimitReads; reads++)
        {
            fd[0] = new() { Fd = outputFd, Events = ProcessCalls.POLLIN };
            if (ProcessCalls.Poll(fd, 0) <= 0) return;
            ReadOnce();
        }
    }

    private void ReadOnce()
    {
        var read = FileCalls.Read(outputFd, _buffer);
        if (read > 0) output.Append(_buffer.AsSpan(0, (int)read));
        else if (read == 0 || Errno.Last != FileCalls.EINTR) _outputOpen = false; // end of output, or an unreadable pipe
    }

    private int? ReapWithin(int pidFd, TimeSpan grace)
    {
        var reapDeadline = Deadline(grace);
        Span<ProcessCalls.PollFd> fd = stackalloc ProcessCalls.PollFd[1];
        while (true)
        {
            if (ProcessCalls.Reap(pid, block: false) is { } status) return status;
            var remaining = RemainingMs(reapDeadline);
            if (remaining <= 0) return null; // stuck in the kernel (D state): give up rather than hang the boot
            if (pidFd < 0)
            {
                Thread.Sleep(Math.Min(remaining, FallbackPollMs));
                continue;
            }
            fd[0] = new() { Fd = pidFd, Events = ProcessCalls.POLLIN };
            ProcessCalls.Poll(fd, remaining);
        }
    }

    private GuestProcessResult Result(int? status, bool timedOut)
    {
        int? exitCode = null, signal = null;
        if (status is { } s)
        {
            var low = s & 0x7F;
            if (low == 0) exitCode = (s >> 8) & 0xFF;
            else if (low != 0x7F) signal = low;
        }
        return new GuestProcessResult(exitCode, signal, timedOut, StartError: null, output.Text(), output.TotalBytes, output.Truncated);
    }

    public static long Deadline(TimeSpan timeout) =>
        Stopwatch.GetTimestamp() + (long)Math.Min(timeout.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);

    private static int RemainingMs(long deadline)
    {
        var ms = (deadline - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
        return ms <= 0 ? 0 : (int)Math.Min(Math.Ceiling(ms), int.MaxValue);
    }
}
