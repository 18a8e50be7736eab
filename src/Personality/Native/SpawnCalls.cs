using System.Runtime.InteropServices;

namespace Personality.Native;

/// <summary>
/// glibc's posix_spawn family, bound at link time (DirectPInvoke). These return an errno value
/// instead of setting errno; the opaque structs are allocated natively with glibc x86_64 sizes.
/// </summary>
internal static unsafe partial class SpawnCalls
{
    public const int AttributesSize = 336;  // posix_spawnattr_t
    public const int FileActionsSize = 80;  // posix_spawn_file_actions_t
    public const int SignalSetSize = 128;   // sigset_t

    public const short POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;

    [LibraryImport("libc", EntryPoint = "posix_spawn", SetLastError = true)]
    public static partial int Spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init", SetLastError = true)]
    public static partial int AttributesInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy", SetLastError = true)]
    public static partial int AttributesDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags", SetLastError = true)]
    public static partial int AttributesSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault", SetLastError = true)]
    public static partial int AttributesSetSignalDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask", SetLastError = true)]
    public static partial int AttributesSetSignalMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setpgroup", SetLastError = true)]
    public static partial int AttributesSetProcessGroup(void* attributes, int processGroup);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init", SetLastError = true)]
    public static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy", SetLastError = true)]
    public static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2", SetLastError = true)]
    public static partial int FileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addclose", SetLastError = true)]
    public static partial int FileActionsAddClose(void* actions, int fd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(PathMarshaller))]
    public static partial int FileActionsAddChdir(void* actions, string path);

    // sigfillset/sigemptyset do set errno (and return -1), unlike the spawn calls.
    [LibraryImport("libc", EntryPoint = "sigfillset", SetLastError = true)]
    public static partial int SignalSetFill(void* signals);

    [LibraryImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    public static partial int SignalSetEmpty(void* signals);
}
