using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Personality.Discovery;
using Personality.Native;

namespace Personality.DryRun;

/// <summary>
/// Makes image files given to dry-run readable as directories: each is attached to a read-only
/// loop device and mounted read-only in a mount namespace private to one thread, on which the
/// whole dry run then happens. The mounts vanish with the thread; the host never sees them.
/// </summary>
public static partial class ImageVolumes
{
    private const int CLONE_NEWNS = 0x00020000;

    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static partial int Unshare(int flags);

    public static int WithMounted(IReadOnlyList<VolumeArgument> volumes, Func<IReadOnlyList<GivenVolume>, int> body)
    {
        var directories = volumes.Where(v => !v.IsImage).Select(v => new GivenVolume(v.Label, v.Path, v.Path, DirectoryVolumes.FsType)).ToList();
        var images = volumes.Where(v => v.IsImage).ToList();
        if (images.Count == 0) return body(directories);
        if (FileCalls.EffectiveUid != 0)
            throw new Cli.UsageException($"--volume {images[0].Label}={images[0].Path} is an image file: loop-mounting it read-only needs root; " +
                                         "run as root, or give an unpacked directory instead");

        var result = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = MountAndRun(images, directories, body); }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
        return result;
    }

    private static int MountAndRun(List<VolumeArgument> images, List<GivenVolume> directories,
        Func<IReadOnlyList<GivenVolume>, int> body)
    {
        if (Unshare(CLONE_NEWNS) != 0) throw Errno.Exception("unshare", "CLONE_NEWNS");
        // Private first, so nothing mounted here propagates to the host.
        MountCalls.Mount(null, "/", null, MountCalls.MS_REC | MountCalls.MS_PRIVATE, null);
        var reader = new SuperblockReader();
        var attached = new List<(int Fd, string MountPoint)>();
        try
        {
            foreach (var image in images)
            {
                var probe = reader.Probe(image.Path);
                if (probe.Problem is not null || probe.FsType is null)
                    throw new Cli.UsageException($"--volume {image.Label}={image.Path}: " + (probe.Problem ?? "no supported filesystem in this image"));
                var (fd, device) = LoopDevices.AttachReadOnly(image.Path);
                var mountPoint = Directory.CreateTempSubdirectory("personality-dry-run-").FullName;
                attached.Add((fd, mountPoint));
                try
                {
                    MountCalls.Mount(device, mountPoint, probe.FsType,
                        MountCalls.MS_RDONLY | MountCalls.MS_NOSUID | MountCalls.MS_NODEV | MountCalls.MS_NOEXEC, null);
                }
                catch (NativeException e)
                {
                    throw new Cli.UsageException($"--volume {image.Label}={image.Path}: this machine cannot mount its {probe.FsType} filesystem read-only " +
                                                 $"({Errno.Describe(e.Errno)}); give an unpacked directory instead");
                }
                directories.Add(new GivenVolume(image.Label, mountPoint, image.Path, $"{probe.FsType} image"));
            }
            return body(directories);
        }
        finally
        {
            foreach (var (fd, mountPoint) in attached)
            {
                try { MountCalls.Unmount(mountPoint, MountCalls.MNT_DETACH); } catch (NativeException) { }
                FileCalls.CloseQuietly(fd);
                try { Directory.Delete(mountPoint); } catch (IOException) { }
            }
        }
    }
}
