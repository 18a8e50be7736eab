namespace Personality.Core;

/// <summary>Checks and normalises absolute guest paths taken from configuration files.</summary>
public static class GuestPath
{
    /// <summary>
    /// Returns the normalised path ("/var//log/" becomes "/var/log") or an explanation of why the
    /// text is not an acceptable absolute path: relative, containing ".." or ".", or a NUL.
    /// </summary>
    public static bool TryNormalise(string text, out string normalised, out string problem)
    {
        normalised = "";
        problem = "";
        if (text.Length == 0) { problem = "the path is empty"; return false; }
        if (text.Contains('\0')) { problem = "the path contains a NUL byte"; return false; }
        if (!text.StartsWith('/')) { problem = $"'{text}' is a relative path; write it as an absolute path starting with /"; return false; }
        var parts = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part == "..") { problem = $"'{text}' contains '..'; write the plain absolute path"; return false; }
            if (part == ".") { problem = $"'{text}' contains '.'; write the plain absolute path"; return false; }
        }
        normalised = "/" + string.Join('/', parts);
        return true;
    }

    /// <summary>True when <paramref name="path"/> equals or lies below <paramref name="ancestor"/>.</summary>
    public static bool IsAtOrBelow(string path, string ancestor) =>
        ancestor == "/" || path == ancestor || path.StartsWith(ancestor + "/", StringComparison.Ordinal);

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="ancestor"/>.</summary>
    public static bool IsBelow(string path, string ancestor) => path != ancestor && IsAtOrBelow(path, ancestor);
}
