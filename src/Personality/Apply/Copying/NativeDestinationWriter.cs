using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// The real <see cref="IDestinationWriter"/>: libc calls. Not thread-safe (it reuses buffers).
/// Methods are virtual so a test can fail one of them and keep the others real.
/// </summary>
public class NativeDestinationWriter : IDestinationWriter
{
    private readonly FileContentCopier _content = new();
    private readonly AttributeCopier _attributes = new();

    public virtual void CreateDirectory(string path) => FileCalls.Mkdir(path, 0x1C0 /* 0700 */);

    public virtual long CopyFile(string source, in FileStatus status, string destination) =>
        _content.Copy(source, status, destination);

    public virtual void CreateSymlink(string target, string path) => FileCalls.Symlink(target, path);

    // The umask may strip permission bits here; ApplyAttributes sets the exact mode afterwards.
    public virtual void CreateNode(string path, in FileStatus status) =>
        FileCalls.Mknod(path, status.Type | 0x180 /* 0600 */, status.IsDevice ? status.Rdev : 0);

    public virtual void ApplyAttributes(string? source, in FileStatus status, string destination) =>
        _attributes.Apply(source, status, destination);

    public virtual void Rename(string from, string to) => FileCalls.Rename(from, to);

    public virtual void Flush(string directory) => FileCalls.SyncFilesystem(directory);
}
