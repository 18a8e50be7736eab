using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>The calls that watch a child: pipes, poll, pidfds, kill and reaping. EINTR is retried here.</summary>
internal static unsafe partial class ProcessCalls
{
    public const short POLLIN = 0x1, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    public const int SIGKILL = 9;
    private const int O_CLOEXEC = 0x80000, WNOHANG = 1, WEXITED = 4, WNOWAIT = 0x01000000, P_PID = 1;
    private const int EINTR = 4;
    private const long SYS_pidfd_open = 434;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int NativePipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int NativePoll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int NativeWaitpid(int pid, int* status, int options);

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static partial int NativeWaitid(int idType, int id, byte* info, int options);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long NativeSyscall(long number, long first, long second);

    /// <summary>pipe2(O_CLOEXEC): returns the read and write ends, or the errno.</summary>
    public static (int Read, int Write, int Errno) Pipe()
    {
        int* fds = stackalloc int[2];
        return NativePipe2(fds, O_CLOEXEC) == 0 ? (fds[0], fds[1], 0) : (-1, -1, Errno.Last);
    }

    /// <summary>poll(2); -1 on an error other than EINTR (which returns 0: the caller re-checks its clock).</summary>
    public static int Poll(Span<PollFd> fds, int timeoutMs)
    {
        fixed (PollFd* p = fds)
        {
            var ready = NativePoll(p, (nuint)fds.Length, timeoutMs);
            return ready < 0 && Errno.Last == EINTR ? 0 : ready;
        }
    }

    /// <summary>A pidfd (pidfd_open, Linux 5.3+) that polls readable once the child exits, or -1 on older kernels.</summary>
    public static int OpenPidFd(int pid) => (int)NativeSyscall(SYS_pidfd_open, pid, 0);

    /// <summary>True once the child has exited; it stays a zombie (WNOWAIT), so its pid and process group cannot be reused yet.</summary>
    public static bool HasExited(int pid)
    {
        byte* info = stackalloc byte[128]; // siginfo_t; si_pid (offset 16) stays 0 while it runs
        new Span<byte>(info, 128).Clear();
        int result;
        do result = NativeWaitid(P_PID, pid, info, WEXITED | WNOHANG | WNOWAIT);
        while (result < 0 && Errno.Last == EINTR);
        return result < 0 || *(int*)(info + 16) != 0; // an error means it is not ours to wait for any more
    }

    /// <summary>waitpid: the wait status once reaped, null while it still runs (with <paramref name="block"/> false).</summary>
    public static int? Reap(int pid, bool block)
    {
        int status, result;
        do result = NativeWaitpid(pid, &status, block ? 0 : WNOHANG);
        while (result < 0 && Errno.Last == EINTR);
        return result == pid ? status : null;
    }

    /// <summary>SIGKILL to a process group (negative id) or a process; nothing left to kill is not an error.</summary>
    public static void Kill(int pidOrNegativeGroup) => NativeKill(pidOrNegativeGroup, SIGKILL);
}
