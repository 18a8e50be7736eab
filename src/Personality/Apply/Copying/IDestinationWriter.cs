using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// Every change the copier makes to the destination goes through here: the production
/// implementation is <see cref="NativeDestinationWriter"/>; tests put faults (ENOSPC, EROFS) in
/// between to check that a failed copy leaves nothing behind. Reading the source and cleaning up
/// do not go through this seam, so cleanup still works when a fault is injected.
/// </summary>
public interface IDestinationWriter
{
    /// <summary>
    /// The directory the next entries are created in (set by the copier before each create and
    /// before <see cref="ApplyAttributes"/>): lets the writer skip calls whose outcome it knows.
    /// </summary>
    TargetDirectory Target { get; set; }

    /// <summary>
    /// Creates an empty directory to be a copy of one with <paramref name="status"/>: private (0700)
    /// until its attributes are applied, unless <see cref="Target"/> is fresh (nobody else can
    /// reach it there anyway).
    /// </summary>
    void CreateDirectory(string path, in FileStatus status);

    /// <summary>
    /// Creates <paramref name="destination"/> (which must not exist) as a complete copy of regular
    /// file <paramref name="source"/>: content, then owner, extended attributes, mode and times as
    /// <see cref="ApplyAttributes"/> gives them; returns the bytes copied.
    /// </summary>
    long CopyFile(string source, in FileStatus status, string destination);

    void CreateSymlink(string target, string path);

    /// <summary>Creates a fifo, socket or device node like the source (mode with type bits, rdev).</summary>
    void CreateNode(string path, in FileStatus status);

    /// <summary>
    /// Gives <paramref name="destination"/> the owner, mode and times in <paramref name="status"/> and
    /// the extended attributes of <paramref name="source"/> (none when it is null). When
    /// <see cref="Target"/> is fresh, <paramref name="destination"/> must be an entry this copy just
    /// created there (a directory, symlink or node); otherwise any entry.
    /// </summary>
    void ApplyAttributes(string? source, in FileStatus status, string destination);

    /// <summary>rename(2): atomically puts a finished copy at its real name, replacing a non-directory there.</summary>
    void Rename(string from, string to);

    /// <summary>Makes what was written to the filesystem holding <paramref name="directory"/> durable before a rename publishes it.</summary>
    void Flush(string directory);
}
