namespace Personality.Native;

/// <summary>
/// The symbolic names of the errno values a failed exec or namespace setup gives, so a message
/// says "ENOEXEC" as the man pages do; x86_64 Linux numbering.
/// </summary>
public static class ErrnoNames
{
    public static string Of(int errno) => errno switch
    {
        1 => "EPERM",
        2 => "ENOENT",
        4 => "EINTR",
        5 => "EIO",
        7 => "E2BIG",
        8 => "ENOEXEC",
        9 => "EBADF",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        16 => "EBUSY",
        20 => "ENOTDIR",
        21 => "EISDIR",
        22 => "EINVAL",
        24 => "EMFILE",
        26 => "ETXTBSY",
        36 => "ENAMETOOLONG",
        38 => "ENOSYS",
        40 => "ELOOP",
        _ => $"errno {errno}",
    };

    /// <summary>"call: description (NAME)", the form every start error takes.</summary>
    public static string Message(string call, int errno) => $"{call}: {Errno.Describe(errno)} ({Of(errno)})";
}
