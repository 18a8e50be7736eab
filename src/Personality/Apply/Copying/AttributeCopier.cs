using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// Gives a copied entry the owner, extended attributes, mode and times of its source, as
/// <c>cp -a</c> does. Never follows symlinks (lchown, l*xattr, utimensat AT_SYMLINK_NOFOLLOW).
/// </summary>
internal sealed class AttributeCopier
{
    private const uint SetIdBits = 0xC00; // 06000
    private byte[] _names = new byte[1024];
    private byte[] _value = new byte[1024];

    public void Apply(string? source, in FileStatus status, string destination)
    {
        // Owner first: chown(2) clears setuid/setgid and security.capability, so those come after.
        var permissions = status.Permissions;
        var errno = FileCalls.TryLChown(destination, status.Uid, status.Gid);
        if (errno != 0)
        {
            // Like cp -a run by an ordinary user (offline trees): keep going without the owner, but
            // never leave a setuid/setgid bit on a file owned by someone else.
            if (errno != FileCalls.EPERM || FileCalls.EffectiveUid == 0) throw new NativeException("lchown", destination, errno);
            permissions &= ~SetIdBits;
        }
        if (source is not null) CopyExtendedAttributes(source, destination);
        if (!status.IsSymlink) FileCalls.Chmod(destination, permissions); // a symlink's mode means nothing on Linux
        FileCalls.SetTimes(destination, status.Atime, status.Mtime);
    }

    private void CopyExtendedAttributes(string source, string destination)
    {
        var length = FileCalls.ListXattrs(source, ref _names);
        var offset = 0;
        while (offset < length)
        {
            var end = Array.IndexOf(_names, (byte)0, offset, length - offset);
            if (end < 0) end = length - 1; // the kernel always terminates names; be defensive anyway
            var name = new ReadOnlySpan<byte>(_names, offset, end - offset + 1);
            offset = end + 1;
            if (name.Length <= 1) continue;
            var size = FileCalls.GetXattr(source, name, ref _value);
            if (size < 0) continue; // removed since it was listed
            // A destination without support for this namespace (tmpfs before 6.6 and user.*) is
            // skipped silently, as cp -a does; any other failure is real.
            FileCalls.SetXattr(destination, name, new ReadOnlySpan<byte>(_value, 0, size));
        }
    }
}
