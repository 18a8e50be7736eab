using System.Text;
using Personality.Core;
using Personality.Native;

namespace Personality.Files;

/// <summary>Reads a small text file without ever reading more than a limit, nor blocking on a FIFO.</summary>
internal static class BoundedFile
{
    private const int O_NONBLOCK = 0x800;
    private const int ELOOP = 40;
    private const int EAGAIN = 11;

    /// <summary>
    /// The text of <paramref name="hostFile"/>, or null with an error (or with <paramref name="missing"/>
    /// set and no error when there is no such file). The size is checked with fstat before anything is
    /// read, and at most <paramref name="maxBytes"/> + 1 bytes are ever read (a file that grows is caught
    /// too). Opened non-blocking, so a FIFO cannot hang the boot; only a regular file is accepted.
    /// </summary>
    public static string? Read(string hostFile, long maxBytes, Origin origin, bool followSymlinks, Diagnostics diagnostics, out bool missing) =>
        ReadBytes(hostFile, maxBytes, origin, followSymlinks, diagnostics, out missing) is { } bytes ? Decode(bytes, origin, diagnostics) : null;

    /// <summary>The bytes of <paramref name="hostFile"/>, read as <see cref="Read"/> reads them, not decoded.</summary>
    public static byte[]? ReadBytes(string hostFile, long maxBytes, Origin origin, bool followSymlinks, Diagnostics diagnostics, out bool missing)
    {
        missing = false;
        int fd;
        try
        {
            fd = FileCalls.Open(hostFile, FileCalls.O_RDONLY | O_NONBLOCK | (followSymlinks ? 0 : FileCalls.O_NOFOLLOW));
        }
        catch (NativeException e) when (e.Errno == Errno.ENOENT)
        {
            missing = true;
            return null;
        }
        catch (NativeException e) when (e.Errno == ELOOP && !followSymlinks)
        {
            diagnostics.Error("the file is a symbolic link", origin, "it must be a regular file on the volume; a link could point outside it");
            return null;
        }
        catch (NativeException e)
        {
            diagnostics.Error($"cannot open the file: {Errno.Describe(e.Errno)}", origin, $"check {hostFile}");
            return null;
        }

        try
        {
            var status = FileCalls.FStat(fd, hostFile);
            if (!status.IsRegular)
            {
                diagnostics.Error($"the file is a {status.Kind}, not a regular file", origin, "replace it with a regular file");
                return null;
            }
            if (status.Size > maxBytes)
            {
                diagnostics.Error(TooBig(status.Size, maxBytes), origin, TooBigHint);
                return null;
            }
            var buffer = new byte[Math.Min(status.Size, maxBytes) + 1];
            var total = 0;
            while (total < buffer.Length)
            {
                var n = FileCalls.Read(fd, buffer.AsSpan(total));
                if (n < 0)
                {
                    var errno = Errno.Last;
                    if (errno is FileCalls.EINTR or EAGAIN) continue;
                    diagnostics.Error($"cannot read the file: {Errno.Describe(errno)}", origin, $"check {hostFile}");
                    return null;
                }
                if (n == 0) break;
                total += (int)n;
                if (total == buffer.Length && total <= maxBytes) Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1));
            }
            if (total > maxBytes)
            {
                diagnostics.Error(TooBig(total, maxBytes) + " (it grew while being read)", origin, TooBigHint);
                return null;
            }
            return buffer.Length == total ? buffer : buffer[..total];
        }
        catch (NativeException e)
        {
            diagnostics.Error($"cannot read the file: {Errno.Describe(e.Errno)}", origin, $"check {hostFile}");
            return null;
        }
        finally
        {
            FileCalls.CloseQuietly(fd);
        }
    }

    /// <summary>The size check for text given directly (tests, validate): the same limit, in UTF-8 bytes.</summary>
    public static bool WithinLimit(string text, long maxBytes, Origin origin, Diagnostics diagnostics)
    {
        var size = Encoding.UTF8.GetByteCount(text);
        if (size <= maxBytes) return true;
        diagnostics.Error(TooBig(size, maxBytes), origin, TooBigHint);
        return false;
    }

    private static string TooBig(long size, long maxBytes) =>
        $"the file is {size} bytes, more than the limit of {maxBytes} bytes ({maxBytes / 1024} KiB)";

    private const string TooBigHint = "a configuration file lists paths and names, not content: keep large files beside it";

    /// <summary>The text, or null when a line is not UTF-8 (each such line reported at its LINE:COLUMN).</summary>
    private static string? Decode(ReadOnlySpan<byte> bytes, Origin origin, Diagnostics diagnostics) =>
        Utf8Text.TryDecode(bytes, origin.File, diagnostics, out var text) ? text : null;
}
