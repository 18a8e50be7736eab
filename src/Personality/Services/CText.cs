namespace Personality.Services;

/// <summary>
/// The C library's text rules that decide how chkconfig reads a header, reproduced over a
/// script's bytes (one char per byte): isspace in the C locale, strtol and the
/// <c>"%15s %d %d%c"</c> scan of a <c># chkconfig:</c> line. The scans run to the end of the
/// file, not of the line, exactly as chkconfig's do.
/// </summary>
internal static class CText
{
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>Text at <paramref name="at"/> starts with <paramref name="prefix"/> (strncmp over the prefix's length).</summary>
    public static bool StartsWith(string text, int at, string prefix) =>
        at >= 0 && text.Length - at >= prefix.Length && string.CompareOrdinal(text, at, prefix, 0, prefix.Length) == 0;

    public static int SkipSpaces(string text, int at, int limit)
    {
        while (at < limit && IsSpace(text[at])) at++;
        return at;
    }

    /// <summary>
    /// strtol(text + at, &amp;end, 10): leading white space, a sign, digits. False (and
    /// <paramref name="end"/> = <paramref name="at"/>) when there are no digits. Out-of-range
    /// values saturate as strtol's do.
    /// </summary>
    public static bool StrToLong(string text, int at, out long value, out int end)
    {
        value = 0;
        end = at;
        var i = SkipSpaces(text, at, text.Length);
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-') { negative = text[i] == '-'; i++; }
        var digitsStart = i;
        var overflow = false;
        while (i < text.Length && text[i] is >= '0' and <= '9')
        {
            var digit = text[i] - '0';
            if (!overflow)
            {
                if (value > (long.MaxValue - digit) / 10) overflow = true;
                else value = value * 10 + digit;
            }
            i++;
        }
        if (i == digitsStart) { value = 0; return false; }
        value = overflow ? (negative ? long.MinValue : long.MaxValue) : (negative ? -value : value);
        end = i;
        return true;
    }

    /// <summary>
    /// sscanf(text + at, "%15s %d %d%c", ...) (with %s of <paramref name="levelWidth"/> characters
    /// at most; chkconfig 1.3.30 has no limit): returns how many conversions succeeded (0-4), as
    /// sscanf does (an end of input before the first conversion counts as 0 here: both fail the
    /// "== 4" test). The ints are C ints: a long result truncated to 32 bits.
    /// </summary>
    public static int ScanChkconfigLine(string text, int at, int levelWidth, out string levels, out int start, out int stop, out char after)
    {
        levels = "";
        start = stop = 0;
        after = '\0';
        var i = SkipSpaces(text, at, text.Length);
        var tokenStart = i;
        while (i < text.Length && i - tokenStart < levelWidth && !IsSpace(text[i])) i++;
        if (i == tokenStart) return 0;
        levels = text[tokenStart..i];
        if (!ScanInt(text, ref i, out start)) return 1;
        if (!ScanInt(text, ref i, out stop)) return 2;
        if (i >= text.Length) return 3;
        after = text[i];
        return 4;
    }

    // %d: white space, an optional sign, at least one digit; stored as a C int.
    private static bool ScanInt(string text, ref int i, out int value)
    {
        value = 0;
        var j = SkipSpaces(text, i, text.Length);
        var signAt = j;
        if (j < text.Length && text[j] is '+' or '-') j++;
        if (j >= text.Length || text[j] is < '0' or > '9') return false;
        StrToLong(text, signAt, out var wide, out var end);
        value = unchecked((int)wide);
        i = end;
        return true;
    }
}
