using System.Globalization;

namespace Personality.Items.Files;

/// <summary>The value grammars of a <c>files:</c> item: modes and owners.</summary>
internal static class FileSyntax
{
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

    /// <summary><c>user</c> or <c>user:group</c>.</summary>
    public static bool IsOwner(string text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? IsAccount(text) : IsAccount(text[..colon]) && IsAccount(text[(colon + 1)..]);
    }

    /// <summary>A user or group: a name (as useradd accepts) or a number.</summary>
    public static bool IsAccount(string text)
    {
        if (text.Length == 0) return false;
        if (text.All(char.IsAsciiDigit)) return text.Length <= 10 && long.Parse(text, CultureInfo.InvariantCulture) < uint.MaxValue;
        if (text.Length > 32 || !(char.IsAsciiLetter(text[0]) || text[0] == '_')) return false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' || (c == '$' && i == text.Length - 1))) return false;
        }
        return true;
    }
}
