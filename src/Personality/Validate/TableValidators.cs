using Personality.Core;
using Personality.Plan.Tables;

namespace Personality.Validate;

/// <summary>/etc/rwtab, /etc/rwtab.d/*, and stock copies such as rwtab.el6.</summary>
public sealed class RwtabValidator : IFileValidator
{
    public string Kind => "rwtab";

    public bool Recognises(string path) => FileNames.IsTable(path, "rwtab");

    public bool TextIsPaths => true;

    public void Validate(string text, string path, Diagnostics diagnostics)
    {
        var entries = RwtabParser.Parse(text, path, diagnostics);
        TableChecks.BlanksInRwtabPaths(entries, text, diagnostics);
        TableChecks.Duplicates(entries.Select(e => (e.Path, e.Origin)), diagnostics);
    }
}

/// <summary>/etc/statetab, /etc/statetab.d/*, and a state volume's own "files" list.</summary>
public sealed class StatetabValidator : IFileValidator
{
    public string Kind => "statetab";

    public bool Recognises(string path) => FileNames.IsTable(path, "statetab") || FileNames.Name(path) == "files";

    public bool TextIsPaths => true;

    public void Validate(string text, string path, Diagnostics diagnostics) =>
        TableChecks.Duplicates(StatetabParser.Parse(text, path, diagnostics).Select(e => (e.Path, e.Origin)), diagnostics);
}

/// <summary>/etc/sysconfig/personality and /etc/sysconfig/readonly-root (also as sysconfig-personality, sysconfig-readonly-root.el6).</summary>
public sealed class SysconfigValidator : IFileValidator
{
    public string Kind => "sysconfig";

    public bool Recognises(string path)
    {
        var name = FileNames.Name(path);
        if (FileNames.Parent(path) == "sysconfig" && name is "personality" or "readonly-root") return true;
        return name.StartsWith("sysconfig-personality", StringComparison.Ordinal) || name.StartsWith("sysconfig-readonly-root", StringComparison.Ordinal);
    }

    public void Validate(string text, string path, Diagnostics diagnostics) => SettingsFileCheck.Check(text, path, diagnostics);
}

/// <summary>Name tests shared by the validators.</summary>
public static class FileNames
{
    public static string Name(string path) => Path.GetFileName(path.TrimEnd('/'));

    public static string Parent(string path) => Path.GetFileName(Path.GetDirectoryName(path.TrimEnd('/')) ?? "");

    /// <summary>TABLE, TABLE.anything (rwtab.el6, statetab.rpmnew) or a file in TABLE.d/.</summary>
    public static bool IsTable(string path, string table)
    {
        var name = Name(path);
        return name == table || (name.StartsWith(table + ".", StringComparison.Ordinal) && name != table + ".d") || Parent(path) == table + ".d";
    }
}
