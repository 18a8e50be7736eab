using Personality.Native;

namespace Personality.Apply.Copying;

/// <summary>
/// The real <see cref="IDestinationWriter"/>: libc calls. Not thread-safe (it reuses buffers).
/// Methods are virtual so a test can fail one of them and keep the others real.
/// </summary>
public class NativeDestinationWriter : IDestinationWriter
{
    private const uint DirectoryMode = 0x1C0, NodeMode = 0x180; // 0700, 0600
    private readonly AttributeCopier _attributes;
    private readonly FileContentCopier _content;

    public NativeDestinationWriter()
    {
        _attributes = new AttributeCopier();
        _content = new FileContentCopier(_attributes);
    }

    public TargetDirectory Target { get; set; }

    public virtual void CreateDirectory(string path, in FileStatus status) => FileCalls.Mkdir(path, DirectoryModeFor(status));

    public virtual long CopyFile(string source, in FileStatus status, string destination) =>
        _content.Copy(source, status, destination, Target);

    public virtual void CreateSymlink(string target, string path) => FileCalls.Symlink(target, path);

    // The umask may strip permission bits here; ApplyAttributes sets the exact mode afterwards.
    public virtual void CreateNode(string path, in FileStatus status) =>
        FileCalls.Mknod(path, status.Type | NodeMode, status.IsDevice ? status.Rdev : 0);

    public virtual void ApplyAttributes(string? source, in FileStatus status, string destination) =>
        _attributes.Apply(source, status, destination, Target.Fresh ? CreatedMode(status) : null);

    public virtual void Rename(string from, string to) => FileCalls.Rename(from, to);

    public virtual void Flush(string directory) => FileCalls.SyncFilesystem(directory);

    /// <summary>
    /// In a fresh directory, its final permission bits (still writable by its owner, to fill it;
    /// setuid/setgid/sticky come with the attributes), so most need no chmod. Elsewhere 0700.
    /// </summary>
    private uint DirectoryModeFor(in FileStatus status) => Target.Fresh ? (status.Permissions & 0x1FF) | DirectoryMode : DirectoryMode;

    /// <summary>The permission bits an entry made by this writer has before its attributes are applied.</summary>
    private uint? CreatedMode(in FileStatus status) => status.Type switch
    {
        FileStatus.S_IFDIR => CreatorIdentity.Created(DirectoryModeFor(status)),
        FileStatus.S_IFLNK => 0x1FF, // always 0777 (and never chmodded)
        FileStatus.S_IFREG => null, // made and finished by CopyFile
        _ => CreatorIdentity.Created(NodeMode),
    };
}
