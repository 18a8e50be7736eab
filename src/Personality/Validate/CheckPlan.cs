using Personality.Cli;
using Personality.Native;
using Personality.Plan.Tables;

namespace Personality.Validate;

/// <summary>
/// One file to check with its validator, or a path that cannot be checked at all (<paramref name="Problem"/>:
/// an unreadable directory, a missing file whose kind its name does not tell), reported as
/// <paramref name="Kind"/>.
/// </summary>
public sealed record CheckItem(string Path, IFileValidator? Validator, string? Problem = null, string Kind = "");

/// <summary>
/// Turns validate's PATH arguments into the files to check. A directory stands for every file below
/// it, at any depth (symbolic links to directories are not followed, so a loop cannot recur;
/// backups such as *.rpmnew and *~ are skipped, as boot skips them); without --type only the files
/// whose kind is told by their name are taken. Usage errors for what cannot be checked at all.
/// </summary>
public static class CheckPlan
{
    public static List<CheckItem> For(IReadOnlyList<string> paths, string? type)
    {
        IFileValidator? forced = null;
        if (type is not null)
        {
            if (!FileValidators.AllKinds.Contains(type))
                throw new UsageException($"unknown --type '{type}'; use one of {string.Join(", ", FileValidators.AllKinds)}");
            forced = FileValidators.ForKind(type) ?? throw new UsageException($"checking {type} files is not available in this build");
        }

        var work = new List<CheckItem>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var before = work.Count;
                Below(path, forced, work);
                if (!work.Skip(before).Any(w => w.Validator is not null))
                    throw new UsageException($"{path}: no file below this directory is of a kind validate knows; name files or give --type");
                continue;
            }
            var validator = forced ?? FileValidators.Detect(path);
            if (validator is null)
            {
                if (!File.Exists(path) && !IsLink(path))
                {
                    work.Add(new CheckItem(path, null, $"cannot read the file: {Errno.Describe(Errno.ENOENT)}", "unknown"));
                    continue;
                }
                throw new UsageException($"{path}: cannot tell what kind of file this is from its name; give --type " +
                                         string.Join("|", FileValidators.AllKinds));
            }
            work.Add(new CheckItem(path, validator));
        }
        return work;
    }

    /// <summary>Every file below <paramref name="directory"/>, in byte order of their paths, depth first.</summary>
    private static void Below(string directory, IFileValidator? forced, List<CheckItem> work)
    {
        List<string> entries;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(directory)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            work.Add(new CheckItem(directory, null, $"cannot read the directory: {Describe(e)}", "directory"));
            return;
        }
        entries.Sort(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Directory.Exists(entry) && !IsLink(entry))
            {
                Below(entry, forced, work);
                continue;
            }
            if (TableFiles.IsIgnored(Path.GetFileName(entry)) || Directory.Exists(entry)) continue; // a backup, or a link to a directory
            if ((forced ?? FileValidators.Detect(entry)) is { } v) work.Add(new CheckItem(entry, v));
        }
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static string Describe(Exception e) =>
        e is UnauthorizedAccessException ? Errno.Describe(Errno.EACCES) : e.Message;
}
