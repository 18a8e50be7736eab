using Personality.Core;
using Personality.Plan.Tables;
using Personality.Steps;

namespace Personality.Validate;

/// <summary>
/// /etc/fstab, which boot reads for the scratch and state areas: the lines boot would skip, mount
/// options the line's filesystem does not know, and a LABEL= longer than its filesystem can carry
/// (a vfat label holds 11 bytes; the line can never match a volume).
/// </summary>
public sealed class FstabValidator : IFileValidator
{
    /// <summary>The most bytes a label can have, by filesystem (mkfs refuses longer ones).</summary>
    private static readonly Dictionary<string, int> LabelLimits = new(StringComparer.Ordinal)
    {
        ["vfat"] = 11, ["msdos"] = 11, ["fat"] = 11, ["xfs"] = 12, ["ext2"] = 16, ["ext3"] = 16, ["ext4"] = 16,
        ["iso9660"] = 32, ["btrfs"] = 255,
    };

    public string Kind => "fstab";

    public bool Recognises(string path) => FileNames.Name(path) == "fstab" || FileNames.Name(path).StartsWith("fstab.", StringComparison.Ordinal);

    public void Validate(string text, string path, Diagnostics diagnostics)
    {
        FstabParser.Parse(text, path, diagnostics); // what boot itself reports
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = Fields(lines[i].TrimEnd('\r'));
            if (fields.Count < 3 || fields[0].Text.StartsWith('#')) continue;
            var fsType = fields[2].Text;
            if (fields.Count > 3) CheckOptions(fields[3], fsType, new Origin(path, i + 1), diagnostics);
            CheckLabel(fields[0], fsType, new Origin(path, i + 1, fields[0].Column + "LABEL=".Length), diagnostics);
        }
    }

    private static void CheckOptions((string Text, int Column) options, string fsType, Origin line, Diagnostics diagnostics)
    {
        var column = options.Column;
        foreach (var option in options.Text.Split(','))
        {
            foreach (var (_, message, hint) in MountOptionNames.Unknown([option], fsType))
                diagnostics.Error(message, line with { Column = column }, hint);
            column += option.Length + 1;
        }
    }

    private static void CheckLabel((string Text, int Column) spec, string fsType, Origin origin, Diagnostics diagnostics)
    {
        if (!spec.Text.StartsWith("LABEL=", StringComparison.Ordinal) || !LabelLimits.TryGetValue(fsType, out var limit)) return;
        var label = spec.Text["LABEL=".Length..].Replace("\\040", " ").Replace("\\011", "\t");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(label);
        if (bytes > limit)
            diagnostics.Error($"label '{label}' is {bytes} bytes; a {fsType} label holds at most {limit}, so no volume can carry it",
                origin, $"use a label of at most {limit} characters (at most 11 fit every filesystem)");
    }

    /// <summary>The blank-separated fields of a line, each with its 1-based column.</summary>
    private static List<(string Text, int Column)> Fields(string line)
    {
        var fields = new List<(string, int)>();
        for (var i = 0; i < line.Length;)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            var start = i;
            while (i < line.Length && line[i] is not (' ' or '\t')) i++;
            if (i > start) fields.Add((line[start..i], start + 1));
        }
        return fields;
    }
}
