namespace Personality.Services;

/// <summary>Runlevel sets as chkconfig keeps them: bit N set = level N (0-6).</summary>
public static class RunLevels
{
    public const int Count = 7;

    /// <summary>Levels 0-6.</summary>
    public const int All = 0x7F;

    /// <summary>Levels 2, 3, 4 and 5: what on/off touch when no --level is given.</summary>
    public const int Default = (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5);

    /// <summary>
    /// "2345" as a bit set, or -1 when the text is empty or holds anything but the digits 0-6
    /// (chkconfig's rule for --level and for the levels of a <c># chkconfig:</c> line).
    /// </summary>
    public static int Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return -1;
        var mask = 0;
        foreach (var c in text)
        {
            if (c < '0' || c > '6') return -1;
            mask |= 1 << (c - '0');
        }
        return mask;
    }

    public static bool Contains(int mask, int level) => (mask & (1 << level)) != 0;

    /// <summary>The set as digits ("2345"), "-" when empty.</summary>
    public static string Format(int mask)
    {
        var text = "";
        for (var level = 0; level < Count; level++)
            if (Contains(mask, level)) text += (char)('0' + level);
        return text.Length == 0 ? "-" : text;
    }
}
