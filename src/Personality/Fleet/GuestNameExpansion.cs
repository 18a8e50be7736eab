using System.Globalization;

namespace Personality.Fleet;

/// <summary>
/// A guest entry's name pattern: a plain name (<c>db01</c>), or one range in braces that makes a
/// group (<c>web{01..07}</c>: web01 to web07, the start's zero padding kept; <c>cache{1..3}</c>).
/// </summary>
public static class GuestNameExpansion
{
    /// <summary>The names, or null with <paramref name="problem"/> set. At most <paramref name="limit"/> names.</summary>
    public static IReadOnlyList<string>? Expand(string pattern, int limit, out string problem)
    {
        problem = "";
        var open = pattern.IndexOf('{');
        if (open < 0)
        {
            if (pattern.Contains('}')) { problem = $"'{pattern}' has a '}}' without its '{{'"; return null; }
            return [pattern];
        }
        var close = pattern.IndexOf('}', open);
        if (close < 0) { problem = $"'{pattern}' has a '{{' without its '}}'"; return null; }
        var prefix = pattern[..open];
        var suffix = pattern[(close + 1)..];
        if (suffix.Contains('{') || suffix.Contains('}') || prefix.Contains('}'))
        {
            problem = $"'{pattern}' has more than one range; a name holds at most one, e.g. web{{01..07}}";
            return null;
        }
        var range = pattern[(open + 1)..close];
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0 || !Number(range[..dots], out var first) || !Number(range[(dots + 2)..], out var last))
        {
            problem = $"'{{{range}}}' is not a range; write {{FIRST..LAST}} with two numbers, e.g. {{01..07}}";
            return null;
        }
        if (last < first) { problem = $"the range {{{range}}} counts down; write the smaller number first"; return null; }
        if (last - first + 1 > limit) { problem = $"the range {{{range}}} makes {last - first + 1} guests, more than {limit}"; return null; }
        // "01" pads to two digits; "1" does not pad.
        var width = range[..dots].Length > 1 && range[0] == '0' ? range[..dots].Length : 0;
        var names = new List<string>();
        for (var n = first; n <= last; n++)
            names.Add(prefix + n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + suffix);
        return names;
    }

    private static bool Number(string text, out long value)
    {
        value = 0;
        return text.Length is > 0 and <= 9 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// A guest name is its domain name and its hostname: an RFC 1123 label, 1 to 63 letters, digits and
    /// '-', not starting or ending with '-'.
    /// </summary>
    public static bool IsLabel(string name) =>
        name.Length is > 0 and <= 63 && name[0] != '-' && name[^1] != '-' && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
