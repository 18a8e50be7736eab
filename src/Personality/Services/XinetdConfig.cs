using System.Text;

namespace Personality.Services;

/// <summary>
/// An xinetd service file (/etc/xinetd.d/NAME). On or off is its <c>disable</c> line, read as
/// chkconfig reads it: the last non-comment line that starts (after white space) with
/// "disable" decides; a value starting with "yes" is off, anything else is on; no such line is
/// on. Lines starting with '#' in the first column are comments.
/// </summary>
public static class XinetdConfig
{
    public static readonly Encoding Bytes = Encoding.Latin1;

    /// <summary>
    /// (on, enabled): on is the current state; enabled is what <c>reset</c> returns to, which
    /// chkconfig takes from the first disable line (it never manages to read a
    /// <c># default:</c> comment), and is on when there is none.
    /// </summary>
    public static (bool On, bool Enabled) Read(string text)
    {
        bool? first = null;
        var on = true;
        var at = 0;
        while (at <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', at);
            if (lineEnd < 0) lineEnd = text.Length;
            if (at < text.Length && text[at] != '#')
            {
                var start = CText.SkipSpaces(text, at, lineEnd);
                if (CText.StartsWith(text, start, "disable"))
                {
                    // chkconfig looks for the '=' in the rest of the file, not only on this line.
                    var eq = text.IndexOf('=', start);
                    var value = eq < 0 ? -1 : CText.SkipSpaces(text, eq + 1, text.Length);
                    on = value >= 0 && !CText.StartsWith(text, value, "yes");
                    first ??= on;
                }
            }
            if (lineEnd == text.Length) break;
            at = lineEnd + 1;
        }
        return (on, first ?? true);
    }

    /// <summary>
    /// The file with its <c>disable</c> lines saying <paramref name="on"/> ("no") or off
    /// ("yes"); only the value changes, every other byte stays. A file without a disable line
    /// gets <c>\tdisable\t= yes|no</c> after each line opening a block ('{'), where chkconfig puts it.
    /// </summary>
    public static string Rewrite(string text, bool on)
    {
        var value = on ? "no" : "yes";
        var lines = SplitKeepingEnds(text);
        var sb = new StringBuilder(text.Length + 32);
        var found = false;
        foreach (var line in lines)
        {
            var content = line.TrimEnd('\n');
            var start = CText.SkipSpaces(content, 0, content.Length);
            if ((content.Length == 0 || content[0] != '#') && CText.StartsWith(content, start, "disable"))
            {
                found = true;
                sb.Append(WithValue(content, start, value)).Append(line[content.Length..]);
            }
            else sb.Append(line);
        }
        if (found) return sb.ToString();

        sb.Clear();
        foreach (var line in lines)
        {
            sb.Append(line);
            var content = line.TrimEnd('\n');
            var start = CText.SkipSpaces(content, 0, content.Length);
            if (start < content.Length && content[start] == '{')
            {
                if (!line.EndsWith('\n')) sb.Append('\n');
                sb.Append("\tdisable\t= ").Append(value).Append('\n');
            }
        }
        return sb.ToString();
    }

    // "  disable = yes" -> "  disable = no": only the value word changes.
    private static string WithValue(string content, int start, string value)
    {
        var eq = content.IndexOf('=', start);
        if (eq < 0) return content[..start] + "disable\t= " + value + TrailingCarriageReturn(content);
        var valueStart = eq + 1;
        while (valueStart < content.Length && content[valueStart] is ' ' or '\t') valueStart++;
        var valueEnd = valueStart;
        while (valueEnd < content.Length && !CText.IsSpace(content[valueEnd])) valueEnd++;
        var spacing = valueStart == eq + 1 ? " " : "";
        return content[..valueStart] + spacing + value + content[valueEnd..];
    }

    private static string TrailingCarriageReturn(string content) => content.EndsWith('\r') ? "\r" : "";

    private static List<string> SplitKeepingEnds(string text)
    {
        var lines = new List<string>();
        var at = 0;
        while (at < text.Length)
        {
            var end = text.IndexOf('\n', at);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[at..end]);
            at = end;
        }
        return lines;
    }
}
