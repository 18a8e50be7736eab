using System.Globalization;

namespace Personality.Fleet;

/// <summary>
/// A size as a fleet file writes it: digits and a binary unit, <c>512K</c>, <c>64M</c>, <c>1G</c>
/// (also <c>64MiB</c>). A unit is required: libvirt counts memory in KiB and xl in MiB, so a bare
/// number would be read three ways.
/// </summary>
public readonly record struct Size(long Bytes)
{
    public const long MaxBytes = 1L << 40; // 1 TiB: far above any guest of a rack; a bound against typos

    public long KiB => (Bytes + 1023) / 1024;

    public long MiB => (Bytes + (1L << 20) - 1) >> 20;

    /// <summary>The size, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static Size? Parse(string text, out string problem)
    {
        problem = "";
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        var unit = text[digits..].ToUpperInvariant();
        long multiplier = unit switch
        {
            "K" or "KIB" => 1L << 10,
            "M" or "MIB" => 1L << 20,
            "G" or "GIB" => 1L << 30,
            "T" or "TIB" => 1L << 40,
            _ => 0,
        };
        if (digits == 0 || multiplier == 0)
        {
            problem = digits == 0 ? $"'{text}' is not a size" : $"'{text}' has no unit K, M, G or T";
            return null;
        }
        if (!long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxBytes / multiplier)
        {
            problem = $"'{text}' is more than 1T";
            return null;
        }
        if (count == 0)
        {
            problem = $"'{text}' is zero";
            return null;
        }
        return new Size(count * multiplier);
    }

    /// <summary>The shortest exact form: 64M, 1G, 1536K.</summary>
    public override string ToString()
    {
        foreach (var (unit, shift) in new[] { ("T", 40), ("G", 30), ("M", 20), ("K", 10) })
            if (Bytes % (1L << shift) == 0) return $"{Bytes >> shift}{unit}";
        return $"{Bytes}";
    }
}
