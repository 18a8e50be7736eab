using Personality.Core;

namespace Personality.Validate;

/// <summary>
/// Checks one kind of file for `personality validate`. Each kind says which paths it recognises by
/// name (used unless --type is given) and reports every problem with file, line and column.
/// </summary>
public interface IFileValidator
{
    /// <summary>The name used by --type and in the output: rwtab, statetab, sysconfig, manifest, ownership.</summary>
    string Kind { get; }

    /// <summary>True when the path's name says it is this kind of file.</summary>
    bool Recognises(string path);

    /// <summary>Adds every problem of <paramref name="text"/> (read from <paramref name="path"/>) to <paramref name="diagnostics"/>.</summary>
    void Validate(string text, string path, Diagnostics diagnostics);

    /// <summary>
    /// True (the default) when this kind's warnings are reported as errors: boot only warns about a
    /// table or settings line it cannot use and goes on without it, and validate exists to catch
    /// exactly those lines before a boot does.
    /// </summary>
    bool WarningsAreErrors => true;

    /// <summary>
    /// True for tables, whose words are paths: bytes that are not UTF-8 there are a path's own bytes
    /// (kept, as boot keeps them), not a broken text file.
    /// </summary>
    bool TextIsPaths => false;
}
