using System.Runtime.InteropServices;
using System.Text;

namespace Personality.Native;

/// <summary>
/// Everything posix_spawn needs, built in native memory ahead of time: the spawn itself then
/// allocates and loads nothing, so it can run after a pivot_root has taken the host's files away.
/// The child gets default signal dispositions, an empty signal mask, its own process group,
/// "/" as working directory, stdin from <c>stdinFd</c> and stdout+stderr on <c>outputFd</c>, and
/// no other descriptor.
/// </summary>
internal sealed unsafe class PreparedSpawn : IDisposable
{
    private readonly string _program;
    private readonly byte* _path;
    private readonly byte** _argv;
    private readonly byte** _envp;
    private void* _attributes;
    private void* _fileActions;
    private bool _disposed;

    public PreparedSpawn(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        _program = program;
        _path = NativeString(program);
        _argv = NativeStringArray(argv);
        _envp = NativeStringArray(environment);
    }

    /// <summary>Sets attributes and file actions; returns an error message, or null.</summary>
    public string? Configure(int stdinFd, int outputFd, IEnumerable<int> inheritedFds)
    {
        var signals = NativeMemory.AllocZeroed(SpawnCalls.SignalSetSize);
        try
        {
            _attributes = NativeMemory.AllocZeroed(SpawnCalls.AttributesSize);
            if (SpawnCalls.AttributesInit(_attributes) is var e1 and not 0) return Failed("posix_spawnattr_init", e1, ref _attributes);
            _fileActions = NativeMemory.AllocZeroed(SpawnCalls.FileActionsSize);
            if (SpawnCalls.FileActionsInit(_fileActions) is var e2 and not 0) return Failed("posix_spawn_file_actions_init", e2, ref _fileActions);

            // .NET ignores SIGPIPE; a child inheriting that would never die of a closed pipe (`yes | head -1`).
            if (SpawnCalls.SignalSetFill(signals) != 0) return ErrnoNames.Message("sigfillset", Errno.Last);
            // sigfillset leaves out glibc's internal signals 32 and 33, which glibc's spawn then sets to
            // SIG_IGN in the child and exec keeps: name all 64 signals, so the program starts as from a shell.
            *(ulong*)signals = ulong.MaxValue;
            if (SpawnCalls.AttributesSetSignalDefault(_attributes, signals) is var e3 and not 0) return ErrnoNames.Message("posix_spawnattr_setsigdefault", e3);
            if (SpawnCalls.SignalSetEmpty(signals) != 0) return ErrnoNames.Message("sigemptyset", Errno.Last);
            if (SpawnCalls.AttributesSetSignalMask(_attributes, signals) is var e4 and not 0) return ErrnoNames.Message("posix_spawnattr_setsigmask", e4);
            // Group 0 = a new group led by the child: one kill(-pid) then reaches everything it started.
            if (SpawnCalls.AttributesSetProcessGroup(_attributes, 0) is var e5 and not 0) return ErrnoNames.Message("posix_spawnattr_setpgroup", e5);
            const short flags = SpawnCalls.POSIX_SPAWN_SETSIGDEF | SpawnCalls.POSIX_SPAWN_SETSIGMASK | SpawnCalls.POSIX_SPAWN_SETPGROUP;
            if (SpawnCalls.AttributesSetFlags(_attributes, flags) is var e6 and not 0) return ErrnoNames.Message("posix_spawnattr_setflags", e6);

            // dup2 clears close-on-exec on the copies, so exactly fds 0, 1 and 2 reach the program.
            foreach (var (fd, target) in new[] { (stdinFd, 0), (outputFd, 1), (outputFd, 2) })
                if (SpawnCalls.FileActionsAddDup2(_fileActions, fd, target) is var e7 and not 0)
                    return ErrnoNames.Message("posix_spawn_file_actions_adddup2", e7);
            // The same start on a live system as under another root (where "/" is the tree's).
            if (SpawnCalls.FileActionsAddChdir(_fileActions, "/") is var e8 and not 0)
                return ErrnoNames.Message("posix_spawn_file_actions_addchdir_np", e8);
            // Ours are close-on-exec; descriptors our own caller left open are not, and a hook's leftover
            // daemon holding, say, the caller's output pipe would keep that caller waiting forever.
            foreach (var fd in inheritedFds)
                if (fd > 2 && SpawnCalls.FileActionsAddClose(_fileActions, fd) is var e9 and not 0)
                    return ErrnoNames.Message("posix_spawn_file_actions_addclose", e9);
            return null;
        }
        finally { NativeMemory.Free(signals); }
    }

    /// <summary>
    /// posix_spawn (not posix_spawnp: no PATH search). glibc reports the child's execve error
    /// (ENOENT, EACCES, ENOEXEC...) as the return value and reaps that child itself.
    /// </summary>
    public (int Pid, string? Error) Spawn()
    {
        if (_attributes is null || _fileActions is null) throw new InvalidOperationException("Configure first");
        int pid;
        var error = SpawnCalls.Spawn(&pid, _path, _fileActions, _attributes, _argv, _envp);
        return error == 0 ? (pid, null) : (0, StartError(error));
    }

    private string StartError(int errno)
    {
        var message = ErrnoNames.Message(_program, errno);
        return errno switch
        {
            8 => message + ": not a binary for this machine, or a script without a #! line",
            13 => message + ": not an executable file (a directory, no x bit, or a noexec mount)",
            _ => message,
        };
    }

    private static string Failed(string call, int errno, ref void* block)
    {
        NativeMemory.Free(block);
        block = null;
        return ErrnoNames.Message(call, errno);
    }

    private static byte* NativeString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(value, new Span<byte>(bytes, length));
        bytes[length] = 0;
        return bytes;
    }

    private static byte** NativeStringArray(IReadOnlyList<string> values)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < values.Count; i++) array[i] = NativeString(values[i]);
        return array;
    }

    private static void FreeStringArray(byte** array)
    {
        for (var p = array; *p is not null; p++) NativeMemory.Free(*p);
        NativeMemory.Free(array);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_attributes is not null) { SpawnCalls.AttributesDestroy(_attributes); NativeMemory.Free(_attributes); _attributes = null; }
        if (_fileActions is not null) { SpawnCalls.FileActionsDestroy(_fileActions); NativeMemory.Free(_fileActions); _fileActions = null; }
        NativeMemory.Free(_path);
        FreeStringArray(_argv);
        FreeStringArray(_envp);
    }
}
