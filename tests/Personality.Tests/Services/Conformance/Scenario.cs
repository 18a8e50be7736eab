using System.Text;
using System.Text.RegularExpressions;
using Personality.Services;

namespace Personality.Tests.Services.Conformance;

/// <summary>
/// One conformance scenario (a *.scenario file): a tree, chkconfig command lines, and what each
/// dialect's chkconfig answers and leaves behind. The format is described in Scenarios/README.md.
/// </summary>
internal sealed record Scenario(string Name, IReadOnlyList<string> Rules, IReadOnlyList<SetupAction> Setup, IReadOnlyList<ScenarioCommand> Commands)
{
    /// <summary>Every path some expectation reads back (xinetd files), captured after each command.</summary>
    public IEnumerable<string> WatchedFiles =>
        Commands.SelectMany(c => c.Expectations).Where(e => e.Kind == ExpectationKind.File).Select(e => e.Path!).Distinct();
}

internal abstract record SetupAction;

internal sealed record WriteFile(string Path, string Content) : SetupAction;

internal sealed record MakeDirectory(string Path) : SetupAction;

internal sealed record MakeLink(string Path, string Target) : SetupAction;

internal sealed record RemovePath(string Path) : SetupAction;

internal sealed record ScenarioCommand(int Line, IReadOnlyList<string> Args, IReadOnlyList<Expectation> Expectations)
{
    /// <summary>The expectation of this kind (and level or path) for the dialect, or null.</summary>
    public Expectation? For(ChkconfigDialect dialect, ExpectationKind kind, string? key = null) =>
        Expectations.FirstOrDefault(e => e.Kind == kind && e.Key == key && (e.Dialects is null || e.Dialects.Contains(dialect)));
}

internal enum ExpectationKind { Exit, Stdout, Stderr, StderrBegins, Farm, Level, File }

/// <param name="Dialects">The dialects it is about; null for all.</param>
/// <param name="Key">The level of a "level N:" line, the path of a "file PATH:" block.</param>
internal sealed record Expectation(int Line, IReadOnlySet<ChkconfigDialect>? Dialects, ExpectationKind Kind, string Text, string? Key = null)
{
    public string? Path => Kind == ExpectationKind.File ? Key : null;
}

internal static partial class ScenarioParser
{
    public static Scenario Parse(string name, string text)
    {
        var lines = text.Replace("\r", "").Split('\n');
        var rules = new List<string>();
        var setup = new List<SetupAction>();
        var commands = new List<ScenarioCommand>();
        List<Expectation>? expectations = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"{name}:{i + 1}";
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("  ", StringComparison.Ordinal))
            {
                if (expectations is null) throw new FormatException($"{where}: an indented line outside a command");
                expectations.Add(ReadExpectation(lines, ref i, name));
                continue;
            }
            expectations = null;
            if (line.StartsWith("rule: ", StringComparison.Ordinal)) rules.Add(line[6..].Trim());
            else if (line.StartsWith("about: ", StringComparison.Ordinal)) { }
            else if (line.StartsWith("file ", StringComparison.Ordinal)) setup.Add(new WriteFile(line[5..].Trim(), Block(lines, ref i, indent: 2)));
            else if (line.StartsWith("dir ", StringComparison.Ordinal)) setup.Add(new MakeDirectory(line[4..].Trim()));
            else if (line.StartsWith("remove ", StringComparison.Ordinal)) setup.Add(new RemovePath(line[7..].Trim()));
            else if (line.StartsWith("link ", StringComparison.Ordinal))
            {
                var parts = line[5..].Split(" -> ");
                if (parts.Length != 2) throw new FormatException($"{where}: link PATH -> TARGET");
                setup.Add(new MakeLink(parts[0].Trim(), parts[1].Trim()));
            }
            else if (line == "$" || line.StartsWith("$ ", StringComparison.Ordinal))
            {
                expectations = [];
                commands.Add(new ScenarioCommand(i + 1, line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries), expectations));
            }
            else throw new FormatException($"{where}: unknown line '{line}'");
        }
        return new Scenario(name, rules, setup, commands);
    }

    private static Expectation ReadExpectation(string[] lines, ref int i, string name)
    {
        var line = lines[i][2..];
        var number = i + 1;
        IReadOnlySet<ChkconfigDialect>? dialects = null;
        if (Selector().Match(line) is { Success: true } m)
        {
            dialects = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => ChkconfigDialectNames.TryParse(w, out var d) ? d : throw new FormatException(w)).ToHashSet();
            line = m.Groups[2].Value;
        }
        if (line.StartsWith("exit ", StringComparison.Ordinal)) return new(number, dialects, ExpectationKind.Exit, line[5..].Trim());
        if (line.StartsWith("stderr begins: ", StringComparison.Ordinal))
            return new(number, dialects, ExpectationKind.StderrBegins, Unescape(line["stderr begins: ".Length..]));
        foreach (var (word, kind) in new[] { ("stdout", ExpectationKind.Stdout), ("stderr", ExpectationKind.Stderr) })
        {
            if (line == word + ":") return new(number, dialects, kind, Block(lines, ref i, indent: 4));
            if (line.StartsWith(word + ": ", StringComparison.Ordinal)) return new(number, dialects, kind, Unescape(line[(word.Length + 2)..]) + "\n");
        }
        if (line == "farm:") return new(number, dialects, ExpectationKind.Farm, Block(lines, ref i, indent: 4));
        if (LevelLine().Match(line) is { Success: true } level)
            return new(number, dialects, ExpectationKind.Level, $"{level.Groups[1].Value}: {level.Groups[2].Value}".TrimEnd(), level.Groups[1].Value);
        if (line.StartsWith("file ", StringComparison.Ordinal) && line.EndsWith(':'))
            return new(number, dialects, ExpectationKind.File, Block(lines, ref i, indent: 4), line[5..^1].Trim());
        throw new FormatException($"{name}:{number}: unknown expectation '{line}'");
    }

    // Lines "<indent>| text" that follow; each becomes "text\n".
    private static string Block(string[] lines, ref int i, int indent)
    {
        var prefix = new string(' ', indent) + "|";
        var text = new StringBuilder();
        while (i + 1 < lines.Length && lines[i + 1].StartsWith(prefix, StringComparison.Ordinal))
        {
            var content = lines[++i][prefix.Length..];
            if (content.StartsWith(' ')) content = content[1..];
            text.Append(Unescape(content)).Append('\n');
        }
        return text.ToString();
    }

    private static string Unescape(string text) => text.Replace("\\t", "\t");

    [GeneratedRegex(@"^((?:(?:el5|el6|current) ?)+):\s+(.*)$")]
    private static partial Regex Selector();

    [GeneratedRegex(@"^level ([0-6]):\s*(.*)$")]
    private static partial Regex LevelLine();
}
