namespace Personality.Manifests;

/// <summary>
/// Value grammars used beyond one item kind: relative paths on a volume (files, hooks), service names
/// (services and the ownership policy), and the document's personality name and hostname. A grammar
/// only one item kind uses lives in that kind's folder (Items/Files/FileSyntax.cs).
/// </summary>
internal static class ValueSyntax
{
    /// <summary>
    /// A path relative to a volume root ("files/app.conf"): not absolute, no "..", no NUL; "." and empty
    /// segments are dropped. Lexical only: symbolic links on the volume are the applier's concern.
    /// </summary>
    public static bool TryRelativePath(string text, out string normalised, out string problem)
    {
        normalised = "";
        problem = "";
        if (text.Length == 0) { problem = "the path is empty"; return false; }
        if (text.Contains('\0')) { problem = "the path contains a NUL byte"; return false; }
        if (text.StartsWith('/')) { problem = $"'{text}' is an absolute path; write it relative to the volume root, e.g. files/app.conf"; return false; }
        var parts = text.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains("..")) { problem = $"'{text}' contains '..'; a path must stay inside the volume"; return false; }
        if (parts.Length == 0) { problem = $"'{text}' names the volume root, not a file on it"; return false; }
        normalised = string.Join('/', parts);
        return true;
    }

    /// <summary>A service: an init script or unit name ("httpd", "getty@tty1", "network-online.target").</summary>
    public static bool IsServiceName(string text)
    {
        if (text.Length is 0 or > 255 || !(char.IsAsciiLetterOrDigit(text[0]) || text[0] is '_' or '@')) return false;
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '_' or '+' or ':' or '-')) return false;
        return true;
    }

    /// <summary>A personality name: letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
    public static bool IsPersonalityName(string text) =>
        text.Length is > 0 and <= 64 && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>A hostname: at most 64 characters, dot-separated labels of letters, digits and '-' (not at either end).</summary>
    public static bool IsHostname(string text)
    {
        if (text.Length is 0 or > 64) return false;
        foreach (var label in text.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        }
        return true;
    }
}
