using Personality.Native;

namespace Personality.Fleet;

/// <summary>One entry of a personality folder, by its path relative to the folder ('/'-separated).</summary>
public sealed record FolderEntry(string Path, FolderEntryKind Kind, UnixFileMode Mode, long Size, string? LinkTarget);

public enum FolderEntryKind { Directory, File, Link }

/// <summary>
/// What a personality folder holds, listed once in a stable order: hashed to see whether its app
/// volume must be rebuilt, copied into the guest's app volume folder. Bounded, and only plain
/// content: a device, FIFO or socket on a config volume is a mistake, reported, never copied.
/// </summary>
public sealed class FolderContent
{
    public const int MaxEntries = 10_000;
    public const long MaxBytes = 64L << 20;

    private FolderContent(string root, IReadOnlyList<FolderEntry> entries)
    {
        Root = root;
        Entries = entries;
    }

    public string Root { get; }
    public IReadOnlyList<FolderEntry> Entries { get; }
    public long Bytes => Entries.Sum(e => e.Size);

    /// <summary>Lists <paramref name="root"/>; throws <see cref="FleetBuildException"/> on what cannot be a volume's content.</summary>
    public static FolderContent List(string root)
    {
        var entries = new List<FolderEntry>();
        try
        {
            Walk(root, "", entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NativeException)
        {
            throw new FleetBuildException($"cannot read {root}: {e.Message}");
        }
        return new FolderContent(root, entries);
    }

    private static void Walk(string root, string relative, List<FolderEntry> entries)
    {
        var directory = relative.Length == 0 ? root : Path.Combine(root, relative);
        var names = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = relative.Length == 0 ? name : $"{relative}/{name}";
            var info = new FileInfo(Path.Combine(root, path));
            FolderEntry entry;
            if (info.LinkTarget is { } target) entry = new FolderEntry(path, FolderEntryKind.Link, 0, 0, target);
            else if (info.Attributes.HasFlag(FileAttributes.Directory)) entry = new FolderEntry(path, FolderEntryKind.Directory, info.UnixFileMode, 0, null);
            else if (IsRegular(info)) entry = new FolderEntry(path, FolderEntryKind.File, info.UnixFileMode, info.Length, null);
            else throw new FleetBuildException($"{info.FullName} is not a file, folder or symbolic link; a config volume holds only those");
            entries.Add(entry);
            if (entries.Count > MaxEntries) throw new FleetBuildException($"{root} holds more than {MaxEntries} entries; a config volume is small");
            if (entries.Sum(e => e.Size) > MaxBytes) throw new FleetBuildException($"{root} holds more than {MaxBytes >> 20} MiB; keep large content on the application image");
            if (entry.Kind == FolderEntryKind.Directory) Walk(root, path, entries);
        }
    }

    private static bool IsRegular(FileInfo info) => FileCalls.LStat(info.FullName).IsRegular;

    /// <summary>Adds every entry (path, kind, mode, size, content or link target) to <paramref name="hash"/>.</summary>
    public ContentHash AddTo(ContentHash hash)
    {
        hash.Add(Entries.Count);
        foreach (var e in Entries)
        {
            hash.Add(e.Path).Add((long)e.Kind).Add((long)e.Mode).Add(e.Size).Add(e.LinkTarget ?? "");
            if (e.Kind != FolderEntryKind.File) continue;
            using var stream = File.OpenRead(Path.Combine(Root, e.Path));
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = stream.Read(buffer)) > 0) hash.Add(buffer.AsSpan(0, n));
        }
        return hash;
    }

    /// <summary>Copies the listed entries below <paramref name="target"/> (which must not exist yet), modes kept.</summary>
    public void CopyTo(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var e in Entries)
        {
            var to = Path.Combine(target, e.Path);
            switch (e.Kind)
            {
                case FolderEntryKind.Directory:
                    Directory.CreateDirectory(to);
                    FileCalls.Chmod(to, (uint)e.Mode);
                    break;
                case FolderEntryKind.Link:
                    File.CreateSymbolicLink(to, e.LinkTarget!);
                    break;
                default:
                    File.Copy(Path.Combine(Root, e.Path), to);
                    FileCalls.Chmod(to, (uint)e.Mode);
                    break;
            }
        }
    }
}
