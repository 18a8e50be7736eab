namespace Personality.Manifests;

/// <summary>The small value grammars of configuration files: names, modes, timeouts, relative paths.</summary>
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

    /// <summary>3 or 4 octal digits ("640", "0640", "1777").</summary>
    public static bool TryMode(string text, out int mode)
    {
        mode = 0;
        if (text.Length is < 3 or > 4) return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '7') return false;
            mode = mode * 8 + (c - '0');
        }
        return true;
    }

    /// <summary>"30", "30s" (seconds) or "5m" (minutes).</summary>
    public static bool TryTimeout(string text, out TimeSpan timeout)
    {
        timeout = TimeSpan.Zero;
        var unit = text.Length > 0 ? text[^1] : ' ';
        var digits = unit is 's' or 'm' ? text[..^1] : text;
        if (digits.Length is 0 or > 6 || !digits.All(char.IsAsciiDigit)) return false;
        var n = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        timeout = unit == 'm' ? TimeSpan.FromMinutes(n) : TimeSpan.FromSeconds(n);
        return true;
    }

    /// <summary>Run levels as chkconfig's --level takes them: digits 0-6, each once.</summary>
    public static bool IsLevels(string text) =>
        text.Length is > 0 and <= 7 && text.All(c => c is >= '0' and <= '6') && text.Distinct().Count() == text.Length;

    /// <summary>A user or group: a name (as useradd accepts) or a number.</summary>
    public static bool IsAccount(string text)
    {
        if (text.Length == 0) return false;
        if (text.All(char.IsAsciiDigit)) return text.Length <= 10 && long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) < uint.MaxValue;
        if (text.Length > 32 || !(char.IsAsciiLetter(text[0]) || text[0] == '_')) return false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' || (c == '$' && i == text.Length - 1))) return false;
        }
        return true;
    }

    /// <summary><c>user</c> or <c>user:group</c>.</summary>
    public static bool IsOwner(string text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? IsAccount(text) : IsAccount(text[..colon]) && IsAccount(text[(colon + 1)..]);
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

    /// <summary>A filesystem label as written in a manifest: printable, no '/', no surrounding spaces.</summary>
    public static bool IsVolumeLabel(string text) =>
        text.Length is > 0 and <= 255 && text.Trim() == text && !text.Any(c => char.IsControl(c) || c == '/');

    /// <summary>One mount option ("ro", "mode=0755"): no commas, spaces or control characters.</summary>
    public static bool IsMountOption(string text) =>
        text.Length is > 0 and <= 255 && !text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == ',');
}
