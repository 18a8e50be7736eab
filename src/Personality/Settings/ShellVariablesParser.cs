using System.Text;
using Personality.Core;

namespace Personality.Settings;

/// <summary>
/// Reads shell-style KEY=VALUE files (/etc/sysconfig/*) without a shell: plain, 'single' and
/// "double" quoted values, an optional "export", comments. Anything a shell would compute
/// ($VAR, $(cmd), `cmd`) is reported rather than guessed at.
/// </summary>
public static class ShellVariablesParser
{
    public static IReadOnlyList<ShellAssignment> Parse(string text, string file, Diagnostics diagnostics)
    {
        var result = new List<ShellAssignment>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var parsed = ParseLine(line, new Origin(file, i + 1), diagnostics);
            if (parsed is not null) result.Add(parsed);
        }
        return result;
    }

    private static ShellAssignment? ParseLine(string line, Origin lineOrigin, Diagnostics diagnostics)
    {
        var pos = SkipBlanks(line, 0);
        if (pos >= line.Length || line[pos] == '#') return null;
        if (line.AsSpan(pos).StartsWith("export ") || line.AsSpan(pos).StartsWith("export\t"))
            pos = SkipBlanks(line, pos + 6);

        var keyStart = pos;
        while (pos < line.Length && (char.IsAsciiLetterOrDigit(line[pos]) || line[pos] == '_')) pos++;
        if (pos == keyStart || pos >= line.Length || line[pos] != '=' || char.IsAsciiDigit(line[keyStart]))
        {
            diagnostics.Warn("not a KEY=VALUE line; ignored", At(lineOrigin, keyStart),
                "write NAME=value with no spaces around '='");
            return null;
        }
        var key = line[keyStart..pos];
        pos++; // '='

        var value = new StringBuilder();
        while (pos < line.Length && line[pos] is not (' ' or '\t'))
        {
            var c = line[pos];
            if (c == '\'')
            {
                var close = line.IndexOf('\'', pos + 1);
                if (close < 0) return Unterminated(lineOrigin, pos, diagnostics);
                value.Append(line, pos + 1, close - pos - 1);
                pos = close + 1;
            }
            else if (c == '"')
            {
                var open = pos++;
                while (pos < line.Length && line[pos] != '"')
                {
                    if (line[pos] == '\\' && pos + 1 < line.Length && line[pos + 1] is '"' or '\\' or '$' or '`')
                        pos++;
                    else if (line[pos] is '$' or '`')
                        return Computed(lineOrigin, pos, diagnostics);
                    value.Append(line[pos++]);
                }
                if (pos >= line.Length) return Unterminated(lineOrigin, open, diagnostics);
                pos++;
            }
            else if (c is '$' or '`' or ';' or '|' or '&' or '(' or ')' or '<' or '>')
            {
                return Computed(lineOrigin, pos, diagnostics);
            }
            else if (c == '\\' && pos + 1 < line.Length)
            {
                value.Append(line[pos + 1]);
                pos += 2;
            }
            else
            {
                value.Append(c);
                pos++;
            }
        }

        var rest = SkipBlanks(line, pos);
        if (rest < line.Length && line[rest] != '#')
        {
            diagnostics.Warn($"unexpected text after the value of {key}; the line is ignored", At(lineOrigin, rest),
                "quote values that contain spaces: KEY=\"a b\"");
            return null;
        }
        return new ShellAssignment(key, value.ToString(), At(lineOrigin, keyStart));
    }

    private static ShellAssignment? Unterminated(Origin origin, int pos, Diagnostics diagnostics)
    {
        diagnostics.Warn("unterminated quote; the line is ignored", At(origin, pos), "close the quote on the same line");
        return null;
    }

    private static ShellAssignment? Computed(Origin origin, int pos, Diagnostics diagnostics)
    {
        diagnostics.Warn("shell expansions and commands are not evaluated; the line is ignored", At(origin, pos),
            "write the literal value");
        return null;
    }

    private static Origin At(Origin line, int index) => line with { Column = index + 1 };

    private static int SkipBlanks(string s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t') i++;
        return i;
    }
}
