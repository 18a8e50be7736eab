namespace Personality.Apply.Copying;

/// <summary>
/// What the copier knows about the directory the writer creates entries in next, so the writer
/// can leave out calls whose outcome is already known.
/// </summary>
/// <param name="Device">st_dev of the directory's filesystem; 0 when not known.</param>
/// <param name="Fresh">
/// The directory was made by this copy and is not finished yet: owned by this process, no setgid
/// bit, no default ACL, and inside a private (0700) top directory. An entry created in it gets
/// exactly this process's uid and gid and the mode it was created with less the umask, and nobody
/// else can reach it before the copy is renamed into place.
/// </param>
public readonly record struct TargetDirectory(ulong Device, bool Fresh);
