using Microsoft.Win32.SafeHandles;
using Personality.Native;

namespace Personality.Files;

/// <summary>
/// The one way a whole file is written: next to it under a temporary name, with its mode and
/// owner set (a failed chown is an error, not ignored), synced when it must survive a power cut,
/// then renamed over the old one, so a reader sees the old file or the new one, never half.
/// When the target is a mount point (a file bound over the root), rename cannot replace it
/// (EBUSY): the content is written in place instead, as Red Hat's cp -a would, so the bind
/// stays live and shows the new content.
/// </summary>
public static class AtomicFile
{
    private const int O_TRUNC = 0x200;
    private const int O_NONBLOCK = 0x800; // a FIFO at the name fails at once (ENXIO) instead of waiting for a reader

    public static void Write(string hostPath, byte[] content, uint mode, (uint Uid, uint Gid)? owner = null, bool durable = false) =>
        Write(hostPath, stream => stream.Write(content), mode, owner, durable);

    /// <param name="writeContent">Writes the content; called again for an in-place rewrite, so it must write the same.</param>
    public static void Write(string hostPath, Action<Stream> writeContent, uint mode, (uint Uid, uint Gid)? owner = null, bool durable = false)
    {
        var temporary = TemporaryNames.For(hostPath);
        FileCalls.TryRemove(temporary, directory: false); // the leftover of an interrupted run
        try
        {
            WriteFile(temporary, FileCalls.O_WRONLY | FileCalls.O_CREAT | FileCalls.O_EXCL | FileCalls.O_NOFOLLOW, writeContent, mode, owner, durable);
            try
            {
                FileCalls.Rename(temporary, hostPath);
            }
            catch (NativeException e) when (e.Errno == Errno.EBUSY)
            {
                WriteFile(hostPath, FileCalls.O_WRONLY | O_TRUNC | FileCalls.O_NOFOLLOW, writeContent, mode, owner, durable);
                FileCalls.TryRemove(temporary, directory: false);
            }
        }
        catch
        {
            FileCalls.TryRemove(temporary, directory: false);
            throw;
        }
    }

    /// <summary>
    /// Writes the file in place (created or truncated, never through a symbolic link): for a file
    /// that matters more than its atomicity, when <see cref="Write(string, Action{Stream}, uint, ValueTuple{uint, uint}?, bool)"/>
    /// failed (a failed rename or temporary file).
    /// </summary>
    public static void WriteInPlace(string hostPath, Action<Stream> writeContent, uint mode, (uint Uid, uint Gid)? owner = null) =>
        WriteFile(hostPath, FileCalls.O_WRONLY | FileCalls.O_CREAT | O_TRUNC | FileCalls.O_NOFOLLOW | O_NONBLOCK, writeContent, mode, owner, durable: false, inPlace: true);

    private static void WriteFile(string path, int flags, Action<Stream> writeContent, uint mode, (uint Uid, uint Gid)? owner, bool durable, bool inPlace = false)
    {
        var fd = FileCalls.Open(path, flags, 0x180); // 0600 until the real mode is set
        try
        {
            // Written in place, the name may be anything already there: only a regular file is written.
            if (inPlace && !FileCalls.FStat(fd, path).IsRegular) throw new IOException($"{path} is not a regular file; it is not written");
            using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, 16 * 1024))
                writeContent(stream);
            // On the descriptor: the name may be a mount point or be renamed meanwhile; the file is this one.
            FileCalls.FChmod(fd, mode, path);
            if (owner is { } o && FileCalls.TryFChown(fd, o.Uid, o.Gid) is var errno and not 0)
                throw new NativeException("chown", path, errno);
            if (durable) FileSync.Fsync(fd, path);
        }
        finally
        {
            FileCalls.CloseQuietly(fd);
        }
    }
}
