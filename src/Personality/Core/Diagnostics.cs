namespace Personality.Core;

/// <summary>Collects the warnings and errors of one run, in the order they were found.</summary>
public sealed class Diagnostics
{
    private readonly List<Diagnostic> _all = [];

    public IReadOnlyList<Diagnostic> All => _all;
    public bool HasErrors => _all.Exists(d => d.Severity == Severity.Error);
    public bool HasWarnings => _all.Exists(d => d.Severity == Severity.Warning);

    public void Add(Diagnostic diagnostic) => _all.Add(diagnostic);
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _all.AddRange(diagnostics);

    public void Warn(string message, Origin? origin = null, string? hint = null) =>
        Add(Diagnostic.Warning(message, origin, hint));

    public void Error(string message, Origin? origin = null, string? hint = null) =>
        Add(Diagnostic.Error(message, origin, hint));
}
