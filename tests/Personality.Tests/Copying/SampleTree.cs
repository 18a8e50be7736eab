using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>
/// One source tree with every kind of entry the copier must handle: content, nested and private
/// directories, setuid, sticky, foreign owners, relative/absolute/dangling symlinks, a fifo and a
/// device node, with distinct times set after the children (as a real tree would have).
/// </summary>
internal static class SampleTree
{
    public const ulong NullDevice = (1 << 8) | 3; // makedev(1, 3)

    /// <summary>Builds the tree at <paramref name="relative"/>; returns its host path.</summary>
    public static string Build(TempTree tree, string relative)
    {
        var root = tree.Dir(relative, "755");
        tree.File($"{relative}/a.txt", "hello\n");
        tree.Dir($"{relative}/bin", "755");
        tree.File($"{relative}/bin/tool", "#!/bin/sh\necho tool\n", "4755");
        tree.File($"{relative}/bin/group-tool", "x", "2711", 0, 5678);
        tree.Dir($"{relative}/private", "700", 1234, 5678);
        tree.File($"{relative}/private/secret", "s3cret", "600", 1234, 5678);
        tree.Dir($"{relative}/tmp", "1777");
        tree.Dir($"{relative}/deep/1/2/3");
        tree.File($"{relative}/deep/1/2/3/leaf", new string('x', 100_000));
        tree.File($"{relative}/.hidden", "dot");
        tree.File($"{relative}/empty", "");
        tree.Dir($"{relative}/links");
        tree.Symlink($"{relative}/links/relative", "../a.txt", 1234, 5678);
        tree.Symlink($"{relative}/links/absolute", "/etc/passwd");
        tree.Symlink($"{relative}/links/dangling", "nowhere/at/all");
        tree.Symlink($"{relative}/links/to-dir", "../deep");
        tree.Node($"{relative}/fifo", FileStatus.S_IFIFO, "640");
        tree.Node($"{relative}/null", FileStatus.S_IFCHR, "666", NullDevice);

        // Times last, deepest first, so creating children does not move them again.
        var t = 1_500_000_000L;
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                     .OrderByDescending(p => p.Length))
            TempTree.Times(path, t += 1000);
        TempTree.Times(root, t + 1000);
        return root;
    }

    /// <summary>Entries in the sample tree (directories included, the root too).</summary>
    public const int EntryCount = 22;

    public static long ContentBytes => "hello\n".Length + "#!/bin/sh\necho tool\n".Length + 1 + "s3cret".Length + 100_000 + 3;
}
