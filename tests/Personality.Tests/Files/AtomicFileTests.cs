using Personality.Files;
using Personality.Native;
using Personality.Tests.Copying;

namespace Personality.Tests.Files;

/// <summary>
/// The one whole-file write: old or new content, never half; mode and owner set (a failed chown
/// fails the write); and a file bound over the root stays live (rewritten in place), which is what
/// made a bound /etc/resolv.conf go stale when a new file was renamed over the bound one.
/// </summary>
public class AtomicFileTests
{
    [Fact]
    public void WritesContentModeAndOwnerAndLeavesNoTemporary()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "app.conf");
        File.WriteAllText(path, "old\n");

        AtomicFile.Write(path, "new\n"u8.ToArray(), 0x1A0, (4848, 4849));

        Assert.Equal("new\n", File.ReadAllText(path));
        var status = FileCalls.LStat(path);
        Assert.Equal(0x1A0u, status.Permissions);
        Assert.Equal((4848u, 4849u), (status.Uid, status.Gid));
        Assert.Equal(["app.conf"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporary()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "app.conf");
        File.WriteAllText(path, "old\n");

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("disk full"), 0x1A4));

        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal(["app.conf"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AFileThatIsAMountPointIsRewrittenInPlaceSoTheBindStaysLive()
    {
        using var dir = new TempDir();
        var scratch = Path.Combine(dir.Path, "scratch-resolv.conf");
        var target = Path.Combine(dir.Path, "resolv.conf");
        File.WriteAllText(scratch, "nameserver 10.0.0.1\n");
        File.WriteAllText(target, "nameserver 192.0.2.1\n");
        PrivateMountNamespace.Run(() =>
        {
            MountCalls.Mount(scratch, target, null, MountCalls.MS_BIND, null);

            AtomicFile.Write(target, "nameserver 10.9.9.9\n"u8.ToArray(), 0x1A4);

            // The bind still shows the scratch file, which now holds the new content.
            Assert.Equal("nameserver 10.9.9.9\n", File.ReadAllText(target));
            Assert.Equal("nameserver 10.9.9.9\n", File.ReadAllText(scratch));
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(dir.Path), p => p.EndsWith("personality-tmp", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void InPlaceAFifoAtTheNameIsRefusedAtOnceNotWaitedOn()
    {
        // A name written in place may be anything: a FIFO without a reader must not hold the boot.
        var dir = Directory.CreateTempSubdirectory("atomic-fifo-").FullName;
        try
        {
            var fifo = Path.Combine(dir, "resolv.conf");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!) mkfifo.WaitForExit(5000);
            Assert.True(File.Exists(fifo));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.ThrowsAny<Exception>(() => AtomicFile.WriteInPlace(fifo, s => s.Write("x"u8), 0x1A4));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
