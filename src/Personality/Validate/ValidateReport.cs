using Personality.Core;
using Personality.Files;
using Personality.Native;
using Personality.Plan.Tables;

namespace Personality.Validate;

/// <summary>The problems found in one file.</summary>
public sealed record FileReport(string Path, string Kind, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The outcome of `personality validate`: exit 0 when no file has any problem, 1 otherwise (usage
/// errors, exit 64, never get this far).
/// </summary>
public sealed class ValidateReport(IReadOnlyList<FileReport> files)
{
    public const int SchemaVersion = 1;
    public const int ExitClean = 0, ExitProblems = 1;

    public IReadOnlyList<FileReport> Files { get; } = files;
    public int Errors => Files.Sum(f => f.Diagnostics.Count(d => d.Severity == Severity.Error));
    public int Warnings => Files.Sum(f => f.Diagnostics.Count(d => d.Severity == Severity.Warning));
    public bool Clean => Errors == 0 && Warnings == 0;
    public int ExitCode => Clean ? ExitClean : ExitProblems;

    /// <summary>More than any configuration file holds: a bound, so a wrong path cannot read a disk image.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Checks one item of the plan: a file, or a directory that could not be read (one error naming it).</summary>
    public static FileReport Check(CheckItem item)
    {
        if (item.Validator is null)
            return new FileReport(item.Path, item.Kind, [Diagnostic.Error(item.Problem ?? "cannot be checked", Origin.Of(item.Path), "check the path and its permissions")]);
        return Check(item.Path, item.Validator);
    }

    /// <summary>Reads and checks one file; an unreadable file is one error naming it.</summary>
    public static FileReport Check(string path, IFileValidator validator)
    {
        var diagnostics = new Diagnostics();
        var bytes = BoundedFile.ReadBytes(path, MaxFileBytes, Origin.Of(path), followSymlinks: true, diagnostics, out var missing);
        if (missing) diagnostics.Error($"cannot read the file: {Errno.Describe(Errno.ENOENT)}", Origin.Of(path), "check the path");
        if (bytes is not null) validator.Validate(Decode(bytes, path, validator, diagnostics), path, diagnostics);
        // In file order; problems without a position (an unreadable file) first.
        var found = diagnostics.All
            .Select(d => validator.WarningsAreErrors ? d with { Severity = Severity.Error } : d)
            .OrderBy(d => d.Origin?.Line ?? 0).ThenBy(d => d.Origin?.Column ?? 0)
            .ToList();
        return new FileReport(path, validator.Kind, found);
    }

    /// <summary>
    /// Text files must be UTF-8: each line that is not is an error at its LINE:COLUMN, and the rest is
    /// still checked. In a table the bytes belong to a path, and are kept as boot keeps them.
    /// </summary>
    private static string Decode(byte[] bytes, string path, IFileValidator validator, Diagnostics diagnostics)
    {
        if (validator.TextIsPaths) return TableText.Decode(bytes);
        Utf8Text.TryDecode(bytes, path, diagnostics, out var text);
        return text;
    }
}
