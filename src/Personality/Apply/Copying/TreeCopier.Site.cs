using Personality.Native;

namespace Personality.Apply.Copying;

public sealed partial class TreeCopier
{
    private const uint SetGid = 0x400; // 02000

    /// <summary>
    /// A directory the copy creates entries in: its path, what lstat said about it when that is
    /// known, its filesystem (0: unknown) and whether this copy made it (see <see cref="TargetDirectory"/>).
    /// </summary>
    private readonly record struct Site(string Path, FileStatus? Status, ulong Device, bool Fresh)
    {
        public TargetDirectory Target => new(Device, Fresh);

        /// <summary>
        /// The site for the children of directory <paramref name="path"/>, just made here. It is fresh
        /// when this one is, or when this one has neither a setgid bit nor a default ACL (a new
        /// directory inherits both, and they decide the group and mode of what is made inside).
        /// </summary>
        public Site Inner(string path) =>
            new(path, null, Device, Fresh || (Status is { } s && (s.Mode & SetGid) == 0 && !FileCalls.HasDefaultAcl(Path)));
    }
}
