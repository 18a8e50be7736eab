namespace Personality.Core;

public enum Severity { Warning, Error }

/// <summary>A problem worth telling an operator about: what, where, and what to do.</summary>
public sealed record Diagnostic(Severity Severity, string Message, Origin? Origin = null, string? Hint = null)
{
    public static Diagnostic Warning(string message, Origin? origin = null, string? hint = null) =>
        new(Severity.Warning, message, origin, hint);

    public static Diagnostic Error(string message, Origin? origin = null, string? hint = null) =>
        new(Severity.Error, message, origin, hint);

    public override string ToString()
    {
        var where = Origin is { } o ? $"{o}: " : "";
        var what = Hint is null ? "" : $" ({Hint})";
        return $"{where}{Message}{what}";
    }
}
