using System.Text;

namespace Personality.Services;

/// <summary>
/// Reads the header of an init script, or of an override file in /etc/chkconfig.d, with
/// chkconfig's own rules (see docs/chkconfig.md):
/// <list type="bullet">
/// <item>Only comment lines count ('#' after optional white space); a keyword follows the '#' and
/// optional white space. Keywords are recognised on any comment line, inside an LSB block or not.</item>
/// <item><c># chkconfig: LEVELS START STOP</c>: LEVELS is '-' or digits 0-6, the priorities are
/// 0-99, and the character right after STOP must be white space: the same line on the last line
/// of a file without a newline is refused. Any malformed chkconfig line refuses the script.
/// The first valid line wins.</item>
/// <item>The scan stops only once the levels are known AND a description in the reader's
/// language (<c># description(LANG):</c>, LANG from the environment) was read; an English
/// description does not stop it, so an LSB block after <c># description:</c> is read.</item>
/// <item>LSB keywords: Default-Start adds levels, Default-Stop removes them (both read numbers
/// with strtol), Provides and Required/Should-Start/Stop are white-space separated lists.</item>
/// </list>
/// Older chkconfigs differ (<see cref="ChkconfigRules"/>): 1.3.30 needs a description, does not
/// read Short-Description or Should-*, reads the whole levels field and accepts a script
/// without priorities.
/// </summary>
public static class InitScriptParser
{
    private static readonly Encoding Bytes = Encoding.Latin1;

    /// <summary>
    /// Parses <paramref name="content"/>. Returns null when chkconfig would refuse the file
    /// ("does not support chkconfig"). With <paramref name="partialOk"/> (override files) a
    /// header without levels or priorities is accepted.
    /// </summary>
    public static InitScriptHeader? Parse(ReadOnlySpan<byte> content, bool partialOk, string? lang, ChkconfigRules? rules = null)
    {
        var nul = content.IndexOf((byte)0);
        var text = Bytes.GetString(nul < 0 ? content : content[..nul]);
        return Parse(text, partialOk, lang, rules);
    }

    public static InitScriptHeader? Parse(string text, bool partialOk, string? lang, ChkconfigRules? rules = null)
    {
        rules ??= ChkconfigRules.Current;
        var h = new InitScriptHeader();
        var stop = text.Length;
        var next = 0;
        while (next < stop && (h.Levels == InitScriptHeader.UnsetLevels || h.LocalDescription is null))
        {
            var start = CText.SkipSpaces(text, next, stop);
            if (start == stop) break;
            var end = text.IndexOf('\n', start);
            if (end < 0) next = end = stop;
            else next = end + 1;
            if (text[start] != '#') continue;
            start++;
            if (CText.StartsWith(text, start, "## BEGIN INIT INFO")) h.IsLsb = true;
            start = CText.SkipSpaces(text, start, end);
            if (start == end) continue;

            if (CText.StartsWith(text, start, "chkconfig:"))
            {
                if (!ReadChkconfigLine(text, start + 10, end, h, rules.LevelFieldWidth)) return null;
            }
            else if (CText.StartsWith(text, start, "description") || CText.StartsWith(text, start, "Description:"))
                ReadDescription(text, start + 11, end, h, lang);
            else if (CText.StartsWith(text, start, "Short-Description:") && rules.ShortDescriptionIsDescription)
                ReadDescription(text, start + 17, end, h, lang);
            else if (CText.StartsWith(text, start, "Default-Start:"))
                ReadDefaultLevels(text, start + 14, h, add: true);
            else if (CText.StartsWith(text, start, "Default-Stop:"))
                ReadDefaultLevels(text, start + 13, h, add: false);
            else if (CText.StartsWith(text, start, "Required-Start:"))
                h.RequiredStart = Words(text, start + 15, end);
            else if (CText.StartsWith(text, start, "Required-Stop:"))
                h.RequiredStop = Words(text, start + 14, end);
            else if (CText.StartsWith(text, start, "Should-Start:") && rules.ShouldDependencies)
                h.ShouldStart = Words(text, start + 13, end);
            else if (CText.StartsWith(text, start, "Should-Stop:") && rules.ShouldDependencies)
                h.ShouldStop = Words(text, start + 12, end);
            else if (CText.StartsWith(text, start, "Provides:"))
                h.Provides = Words(text, start + 9, end) ?? h.Provides;
        }

        if (partialOk) return h;
        if (h.Levels == InitScriptHeader.UnsetLevels) return null;
        if (rules.DescriptionRequired && h.LocalDescription is null && h.EnglishDescription is null) return null;
        if (rules.PrioritiesRequiredWithoutLsb && !h.IsLsb &&
            (h.StartPriority == InitScriptHeader.UnsetStart || h.StopPriority == InitScriptHeader.UnsetStop))
            return null;
        return h;
    }

    private static bool ReadChkconfigLine(string text, int at, int end, InitScriptHeader h, int levelWidth)
    {
        at = CText.SkipSpaces(text, at, end);
        if (at == end) return false;
        if (CText.ScanChkconfigLine(text, at, levelWidth, out var levelText, out var start, out var stop, out var after) != 4 || !CText.IsSpace(after))
            return false;
        if (start is < 0 or > 99 || stop is < 0 or > 99) return false;
        if (h.StartPriority == InitScriptHeader.UnsetStart) h.StartPriority = start;
        if (h.StopPriority == InitScriptHeader.UnsetStop) h.StopPriority = stop;
        if (h.Levels == InitScriptHeader.UnsetLevels)
            h.Levels = levelText == "-" ? 0 : RunLevels.Parse(levelText);
        return h.Levels != InitScriptHeader.UnsetLevels;
    }

    // "description: text", "description(de): text"; a trailing backslash continues on the next comment line.
    private static void ReadDescription(string text, int at, int lineEnd, InitScriptHeader h, string? lang)
    {
        var stop = text.Length;
        var english = at < stop && text[at] == ':';
        var end = lineEnd;
        var next = end < stop ? end + 1 : stop;
        var mine = false;
        if (!english)
        {
            if (at >= stop || text[at] != '(') return;
            at++;
            var close = text.IndexOf(')', at);
            if (close < 0 || close - at > 5) return;
            mine = lang is not null && CText.StartsWith(text, at, lang);
            at = close + 2;
        }
        else at++;

        at = CText.SkipSpaces(text, at, end);
        if (at >= end) return;
        var description = new StringBuilder(text[at..end]);
        while (description.Length > 0 && description[^1] == '\\')
        {
            description.Length--;
            at = CText.SkipSpaces(text, next, stop);
            if (at == stop || text[at] != '#') return;
            at = CText.SkipSpaces(text, at + 1, stop);
            if (at == stop) return;
            end = text.IndexOf('\n', at);
            if (end < 0) next = end = stop;
            else next = end + 1;
            description.Append(text, at, end - at);
        }

        if (mine) h.LocalDescription = description.ToString();
        else if (english) h.EnglishDescription = description.ToString();
    }

    // Numbers read with strtol until one fails; strtol skips white space, newlines included.
    private static void ReadDefaultLevels(string text, int at, InitScriptHeader h, bool add)
    {
        while (CText.StrToLong(text, at, out var wide, out var end))
        {
            at = end;
            var level = unchecked((int)wide);
            if (h.Levels == InitScriptHeader.UnsetLevels) h.Levels = 0;
            // A C shift by a variable count: x86 uses the low five bits.
            if (add) h.Levels |= 1 << (level & 31);
            else h.Levels &= ~(1 << (level & 31));
        }
    }

    // White-space separated words up to the end of the line; null when there are none.
    private static List<string>? Words(string text, int at, int end)
    {
        List<string>? words = null;
        while (true)
        {
            at = CText.SkipSpaces(text, at, end);
            if (at >= end) break;
            var wordEnd = at;
            while (wordEnd < end && !CText.IsSpace(text[wordEnd])) wordEnd++;
            (words ??= []).Add(text[at..wordEnd]);
            at = wordEnd;
        }
        return words;
    }
}
