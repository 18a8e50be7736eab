using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// Copies the content of one regular file into a new file, in the kernel where it can:
/// copy_file_range, else sendfile, else read/write through one reused buffer. Holes in sparse
/// files stay holes (SEEK_DATA/SEEK_HOLE), so a sparse /var/log/lastlog does not fill a tmpfs.
/// </summary>
internal sealed class FileContentCopier
{
    private const long Chunk = 1L << 30;
    private static bool s_noCopyFileRange; // ENOSYS once (kernel before 4.5): do not ask again
    private byte[]? _buffer;

    public long Copy(string source, in FileStatus status, string destination)
    {
        // O_NOFOLLOW: if the source was swapped for a symlink since lstat, fail instead of following it.
        var input = FileCalls.Open(source, FileCalls.O_RDONLY | FileCalls.O_NOFOLLOW);
        try
        {
            var output = FileCalls.Open(destination, FileCalls.O_WRONLY | FileCalls.O_CREAT | FileCalls.O_EXCL | FileCalls.O_NOFOLLOW, 0x180);
            var open = true;
            try
            {
                var bytes = status.IsSparse ? CopySparse(input, output, source, destination) : Pump(input, output, long.MaxValue, source, destination);
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

    private long CopySparse(int input, int output, string source, string destination)
    {
        var size = FileCalls.FStat(input, source).Size;
        long total = 0, position = 0;
        while (position < size)
        {
            var data = FileCalls.Seek(input, position, FileCalls.SEEK_DATA);
            if (data < 0)
            {
                var errno = Errno.Last;
                if (errno == FileCalls.ENXIO) break; // only a hole is left
                if (errno == Errno.EINVAL && total == 0 && position == 0)
                    return Pump(input, output, long.MaxValue, source, destination); // no SEEK_DATA here
                throw new NativeException("lseek", source, errno);
            }
            var hole = FileCalls.Seek(input, data, FileCalls.SEEK_HOLE);
            if (hole < 0) throw Errno.Exception("lseek", source);
            if (FileCalls.Seek(input, data, FileCalls.SEEK_SET) < 0) throw Errno.Exception("lseek", source);
            if (FileCalls.Seek(output, data, FileCalls.SEEK_SET) < 0) throw Errno.Exception("lseek", destination);
            var copied = Pump(input, output, hole - data, source, destination);
            total += copied;
            position = data + copied;
            if (copied < hole - data) break; // the file shrank meanwhile
        }
        FileCalls.Truncate(output, size, destination); // a trailing hole
        return total;
    }

    /// <summary>Copies up to <paramref name="limit"/> bytes from the current offsets; stops early at end of file.</summary>
    private long Pump(int input, int output, long limit, string source, string destination)
    {
        long total = 0;
        var useCopyRange = !s_noCopyFileRange;
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
