using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// Gives a copied entry the owner, extended attributes, mode and times of its source, as
/// <c>cp -a</c> does. Never follows symlinks (lchown, l*xattr, utimensat AT_SYMLINK_NOFOLLOW);
/// a regular file is handled through its open descriptors. An entry whose mode and owner as
/// created are already right is not chowned or chmodded again.
/// </summary>
internal sealed class AttributeCopier
{
    private const uint SetIdBits = 0xC00; // 06000
    private byte[] _names = new byte[1024];
    private byte[] _value = new byte[1024];

    /// <param name="createdMode">
    /// The permission bits <paramref name="destination"/> was created with when this copy created it
    /// in a fresh directory (owned by this process); null for anything else, which gets every call.
    /// </param>
    public void Apply(string? source, in FileStatus status, string destination, uint? createdMode)
    {
        // Owner first: chown(2) clears setuid/setgid and security.capability, so those come after.
        var permissions = status.Permissions;
        if (!OwnedAsCreated(status, createdMode))
        {
            var errno = FileCalls.TryLChown(destination, status.Uid, status.Gid);
            if (errno != 0) permissions = WithoutOwner("lchown", destination, errno, permissions);
        }
        if (source is not null) CopyExtendedAttributes(source, -1, destination, -1);
        // A symlink's mode means nothing on Linux (and chmod would follow it).
        if (!status.IsSymlink && permissions != createdMode) FileCalls.Chmod(destination, permissions);
        FileCalls.SetTimes(destination, status.Atime, status.Mtime);
    }

    /// <summary>The same for a regular file, on its open descriptors (no path lookups).</summary>
    public void Apply(string source, int sourceFd, in FileStatus status, string destination, int destinationFd, uint? createdMode)
    {
        var permissions = status.Permissions;
        if (!OwnedAsCreated(status, createdMode))
        {
            var errno = FileCalls.TryFChown(destinationFd, status.Uid, status.Gid);
            if (errno != 0) permissions = WithoutOwner("fchown", destination, errno, permissions);
        }
        CopyExtendedAttributes(source, sourceFd, destination, destinationFd);
        if (permissions != createdMode) FileCalls.FChmod(destinationFd, permissions, destination);
        FileCalls.SetTimes(destinationFd, status.Atime, status.Mtime, destination);
    }

    private static bool OwnedAsCreated(in FileStatus status, uint? createdMode) =>
        createdMode is not null && status.Uid == CreatorIdentity.Uid && status.Gid == CreatorIdentity.Gid;

    /// <summary>
    /// Like cp -a run by an ordinary user (offline trees): keep going without the owner, but never
    /// leave a setuid/setgid bit on a file owned by someone else.
    /// </summary>
    private static uint WithoutOwner(string call, string destination, int errno, uint permissions)
    {
        if (errno != FileCalls.EPERM || FileCalls.EffectiveUid == 0) throw new NativeException(call, destination, errno);
        return permissions & ~SetIdBits;
    }

    /// <summary>By path when a descriptor is -1. One list call when the source has none.</summary>
    private void CopyExtendedAttributes(string source, int sourceFd, string destination, int destinationFd)
    {
        var length = sourceFd >= 0 ? FileCalls.ListXattrs(sourceFd, source, ref _names) : FileCalls.ListXattrs(source, ref _names);
        var offset = 0;
        while (offset < length)
        {
            var end = Array.IndexOf(_names, (byte)0, offset, length - offset);
            if (end < 0) end = length - 1; // the kernel always terminates names; be defensive anyway
            var name = new ReadOnlySpan<byte>(_names, offset, end - offset + 1);
            offset = end + 1;
            if (name.Length <= 1) continue;
            var size = sourceFd >= 0 ? FileCalls.GetXattr(sourceFd, source, name, ref _value) : FileCalls.GetXattr(source, name, ref _value);
            if (size < 0) continue; // removed since it was listed
            // A destination without support for this namespace (tmpfs before 6.6 and user.*) is
            // skipped silently, as cp -a does; any other failure is real.
            var value = new ReadOnlySpan<byte>(_value, 0, size);
            if (destinationFd >= 0) FileCalls.SetXattr(destinationFd, destination, name, value);
            else FileCalls.SetXattr(destination, name, value);
        }
    }
}
