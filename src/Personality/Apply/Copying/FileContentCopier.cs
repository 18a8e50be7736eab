using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// Creates a copy of one regular file: content in the kernel where it can (copy_file_range, else
/// sendfile, else read/write through one reused buffer), then attributes on the open descriptors.
/// Holes in sparse files stay holes (SEEK_DATA/SEEK_HOLE), so a sparse /var/log/lastlog does not
/// fill a tmpfs. The copy is of the file as lstat saw it: st_size bytes, no probing for more
/// (rwtab paths live on disk filesystems, whose sizes are exact).
/// </summary>
internal sealed class FileContentCopier(AttributeCopier attributes)
{
    private const long Chunk = 1L << 30;
    private static bool s_noCopyFileRange; // ENOSYS once (kernel before 4.5): do not ask again
    // Filesystem pairs (source st_dev, destination st_dev) where copy_file_range failed: across
    // filesystems it fails for every file, so after the first one go straight to sendfile.
    private readonly HashSet<(ulong, ulong)> _noCopyRange = [];
    private byte[]? _buffer;

    public long Copy(string source, in FileStatus status, string destination, TargetDirectory target)
    {
        // O_NOFOLLOW: if the source was swapped for a symlink since lstat, fail instead of following it.
        var input = FileCalls.Open(source, FileCalls.O_RDONLY | FileCalls.O_NOFOLLOW);
        try
        {
            // In a fresh directory nobody else can reach the file: create it with its final mode
            // (setuid/setgid come after the owner) and save the chmod. Elsewhere, private until done.
            var requested = target.Fresh ? status.Permissions & 0x1FF : 0x180;
            var output = FileCalls.Open(destination, FileCalls.O_WRONLY | FileCalls.O_CREAT | FileCalls.O_EXCL | FileCalls.O_NOFOLLOW, requested);
            var open = true;
            try
            {
                var pair = (status.Dev, target.Device);
                var bytes = status.Size == 0 ? 0
                    : status.IsSparse ? CopySparse(input, output, status.Size, pair, source, destination)
                    : Pump(input, output, status.Size, pair, source, destination);
                attributes.Apply(source, input, status, destination, output, target.Fresh ? CreatorIdentity.Created(requested) : null);
                open = false;
                FileCalls.Close(output, destination);
                return bytes;
            }
            finally
            {
                if (open) FileCalls.CloseQuietly(output);
            }
        }
        finally { FileCalls.CloseQuietly(input); }
    }

    private long CopySparse(int input, int output, long size, (ulong, ulong) pair, string source, string destination)
    {
        long total = 0, position = 0;
        while (position < size)
        {
            var data = FileCalls.Seek(input, position, FileCalls.SEEK_DATA);
            if (data < 0)
            {
                var errno = Errno.Last;
                if (errno == FileCalls.ENXIO) break; // only a hole is left
                if (errno == Errno.EINVAL && total == 0 && position == 0)
                    return Pump(input, output, size, pair, source, destination); // no SEEK_DATA here
                throw new NativeException("lseek", source, errno);
            }
            var hole = FileCalls.Seek(input, data, FileCalls.SEEK_HOLE);
            if (hole < 0) throw Errno.Exception("lseek", source);
            if (FileCalls.Seek(input, data, FileCalls.SEEK_SET) < 0) throw Errno.Exception("lseek", source);
            if (FileCalls.Seek(output, data, FileCalls.SEEK_SET) < 0) throw Errno.Exception("lseek", destination);
            var copied = Pump(input, output, hole - data, pair, source, destination);
            total += copied;
            position = data + copied;
            if (copied < hole - data) break; // the file shrank meanwhile
        }
        FileCalls.Truncate(output, size, destination); // a trailing hole
        return total;
    }

    /// <summary>Copies up to <paramref name="limit"/> bytes from the current offsets; stops early at end of file.</summary>
    private long Pump(int input, int output, long limit, (ulong Source, ulong Destination) pair, string source, string destination)
    {
        long total = 0;
        var useCopyRange = !s_noCopyFileRange && !_noCopyRange.Contains(pair);
        var useSendfile = true;
        while (total < limit)
        {
            var want = Math.Min(limit - total, Chunk);
            long n;
            if (useCopyRange)
            {
                n = FileCalls.CopyFileRange(input, output, want);
                if (n < 0 && CannotDo(Errno.Last, total))
                {
                    if (Errno.Last == FileCalls.ENOSYS) s_noCopyFileRange = true;
                    else if (pair.Destination != 0) _noCopyRange.Add(pair);
                    useCopyRange = false;
                    continue;
                }
            }
            else if (useSendfile)
            {
                n = FileCalls.SendFile(output, input, want);
                if (n < 0 && CannotDo(Errno.Last, total))
                {
                    useSendfile = false;
                    continue;
                }
            }
            else
            {
                n = ReadWrite(input, output, want, source, destination);
            }
            if (n < 0)
            {
                var errno = Errno.Last;
                if (errno == FileCalls.EINTR) continue;
                // copy_file_range and sendfile do not say which side failed; the interesting
                // failures (ENOSPC, EROFS, EDQUOT) are on the writing side.
                throw new NativeException("write", destination, errno);
            }
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>
    /// True when this errno means "this kernel or filesystem pair cannot do it" (old kernel,
    /// across filesystems, special files), so the next method is tried; only before any byte moved.
    /// </summary>
    private static bool CannotDo(int errno, long copiedSoFar) =>
        copiedSoFar == 0 &&
        errno is FileCalls.ENOSYS or Errno.EXDEV or Errno.EINVAL or FileCalls.ENOTSUP or FileCalls.EBADF or FileCalls.EPERM;

    private long ReadWrite(int input, int output, long want, string source, string destination)
    {
        _buffer ??= new byte[128 * 1024];
        long read;
        do read = FileCalls.Read(input, _buffer.AsSpan(0, (int)Math.Min(want, _buffer.Length)));
        while (read < 0 && Errno.Last == FileCalls.EINTR);
        if (read < 0) throw Errno.Exception("read", source);
        var done = 0;
        while (done < read)
        {
            var written = FileCalls.Write(output, _buffer.AsSpan(done, (int)read - done));
            if (written < 0)
            {
                if (Errno.Last == FileCalls.EINTR) continue;
                throw Errno.Exception("write", destination);
            }
            done += (int)written;
        }
        return read;
    }
}
