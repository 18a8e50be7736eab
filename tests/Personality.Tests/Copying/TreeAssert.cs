using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>Compares entries and trees by lstat, content and link target.</summary>
internal static class TreeAssert
{
    public static void SameEntry(string expected, string actual, bool content = true) =>
        SameEntry(FileCalls.LStat(expected), expected, actual, content);

    /// <summary>Compares against a status taken before the copy (reading the source may move its atime).</summary>
    public static void SameEntry(FileStatus want, string expected, string actual, bool content = true)
    {
        var got = FileCalls.LStat(actual);
        Assert.True(want.Mode == got.Mode, $"{actual}: mode {got.Mode:x} instead of {want.Mode:x}");
        Assert.True(want.Uid == got.Uid && want.Gid == got.Gid, $"{actual}: owner {got.Uid}:{got.Gid} instead of {want.Uid}:{want.Gid}");
        Assert.True(want.Mtime == got.Mtime, $"{actual}: mtime {got.Mtime} instead of {want.Mtime}");
        if (want.IsSymlink) Assert.Equal(FileCalls.ReadLink(expected), FileCalls.ReadLink(actual));
        if (want.IsDevice) Assert.Equal(want.Rdev, got.Rdev);
        if (want.IsRegular && content) Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(actual));
    }

    /// <summary>Same entries, recursively; <paramref name="directoriesOnly"/> compares the skeleton only.</summary>
    public static void SameTree(string expected, string actual, bool directoriesOnly = false)
    {
        SameEntry(expected, actual);
        var want = FileCalls.LStat(expected);
        if (!want.IsDirectory) return;
        var expectedNames = Names(expected, directoriesOnly);
        Assert.Equal(expectedNames, Names(actual, directoriesOnly: false));
        foreach (var name in expectedNames)
            SameTree(expected + "/" + name, actual + "/" + name, directoriesOnly);
    }

    public static List<string> Names(string directory, bool directoriesOnly)
    {
        var names = new List<string>();
        FileCalls.ReadDirectory(directory, names);
        if (directoriesOnly) names.RemoveAll(n => !FileCalls.LStat(directory + "/" + n).IsDirectory);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public static int CountEntries(string path)
    {
        var status = FileCalls.LStat(path);
        if (!status.IsDirectory) return 1;
        var count = 1;
        foreach (var name in Names(path, false)) count += CountEntries(path + "/" + name);
        return count;
    }
}
