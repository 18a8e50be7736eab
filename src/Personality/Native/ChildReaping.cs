using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>
/// Keeps the exit status of our children ours to collect. A caller that ignores SIGCHLD (or sets
/// SA_NOCLDWAIT) passes that on to us, and the kernel then reaps children by itself: waitpid
/// finds nothing and every exit code or signal is lost.
/// </summary>
internal static unsafe partial class ChildReaping
{
    private const int SIGCHLD = 17, SA_NOCLDWAIT = 2;
    private const nint SIG_DFL = 0, SIG_IGN = 1;

    /// <summary>glibc's struct sigaction on x86_64: handler, a 1024-bit mask, flags, restorer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SignalAction
    {
        public nint Handler;
        public fixed ulong Mask[16];
        public int Flags;
        public nint Restorer;
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    internal static partial int Sigaction(int signal, SignalAction* action, SignalAction* previous);

    /// <summary>Restores the default SIGCHLD disposition if it is "ignore"; a real handler (.NET's own) is left alone.</summary>
    public static void EnsureNotAutomatic()
    {
        SignalAction current;
        if (Sigaction(SIGCHLD, null, &current) != 0) return;
        var automatic = current.Handler == SIG_IGN || (current.Handler == SIG_DFL && (current.Flags & SA_NOCLDWAIT) != 0);
        if (!automatic) return;
        var reset = default(SignalAction); // SIG_DFL, empty mask, no flags
        Sigaction(SIGCHLD, &reset, null);
    }
}
