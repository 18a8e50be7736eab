using Personality.Core;

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

    /// <summary>Reads and checks one file; an unreadable file is one error naming it.</summary>
    public static FileReport Check(string path, IFileValidator validator)
    {
        var diagnostics = new Diagnostics();
        string? text = null;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error($"cannot read the file: {e.Message}", Origin.Of(path), "check the path and its permissions");
        }
        if (text is not null) validator.Validate(text, path, diagnostics);
        // In file order; problems without a position (an unreadable file) first.
        var found = diagnostics.All
            .Select(d => validator.WarningsAreErrors ? d with { Severity = Severity.Error } : d)
            .OrderBy(d => d.Origin?.Line ?? 0).ThenBy(d => d.Origin?.Column ?? 0)
            .ToList();
        return new FileReport(path, validator.Kind, found);
    }
}
