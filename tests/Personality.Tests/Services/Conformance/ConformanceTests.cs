using System.Reflection;
using Personality.Services;

namespace Personality.Tests.Services.Conformance;

/// <summary>
/// The chkconfig dialects against scenarios written from the rules of chkconfig 1.3.30.2
/// (CentOS 5), 1.3.49.5 (CentOS 6) and 1.33 (current upstream): each scenario holds in every
/// dialect, separates exactly the dialects its rules separate (and no others), and every rule
/// of <see cref="ChkconfigRules"/> that differs between dialects has a scenario.
/// </summary>
public class ConformanceTests
{
    private static readonly string Directory = FindScenarios();

    private static string FindScenarios()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Personality.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Personality.sln above the tests"),
            "tests", "Personality.Tests", "Services", "Conformance", "Scenarios");
    }

    private static IEnumerable<string> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.scenario").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static Scenario Load(string file) => ScenarioParser.Parse(file, File.ReadAllText(Path.Combine(Directory, file)));

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Files())
            foreach (var dialect in Enum.GetValues<ChkconfigDialect>())
                data.Add(file, dialect.Name());
        return data;
    }

    public static TheoryData<string> Scenarios() => new(Files());

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScenarioHolds(string file, string dialectName)
    {
        Assert.True(ChkconfigDialectNames.TryParse(dialectName, out var dialect));
        var scenario = Load(file);
        var observed = ScenarioRunner.Run(scenario, dialect);
        for (var i = 0; i < scenario.Commands.Count; i++)
        {
            var command = scenario.Commands[i];
            var seen = observed[i];
            var at = $"{file}:{command.Line} ({dialectName}) $ {string.Join(' ', command.Args)}\n{seen}";
            Assert.True(int.Parse(command.For(dialect, ExpectationKind.Exit)?.Text ?? "0") == seen.Exit, at);
            Assert.True((command.For(dialect, ExpectationKind.Stdout)?.Text ?? "") == seen.Stdout, at);
            if (command.For(dialect, ExpectationKind.StderrBegins) is { } begins)
                Assert.True(seen.Stderr.StartsWith(begins.Text, StringComparison.Ordinal), at);
            else
                Assert.True((command.For(dialect, ExpectationKind.Stderr)?.Text ?? "") == seen.Stderr, at);
            if (command.For(dialect, ExpectationKind.Farm) is { } farm) Assert.True(farm.Text == seen.Farm, at);
            foreach (var level in command.Expectations.Where(e => e.Kind == ExpectationKind.Level).Select(e => e.Key!).Distinct())
                if (command.For(dialect, ExpectationKind.Level, level) is { } line) Assert.True(line.Text == seen.Level(level), at);
            foreach (var path in command.Expectations.Where(e => e.Kind == ExpectationKind.File).Select(e => e.Key!).Distinct())
                if (command.For(dialect, ExpectationKind.File, path) is { } content) Assert.True(content.Text == seen.Files[path], at);
        }
    }

    /// <summary>
    /// Dialects that agree on the scenario's rules behave the same; dialects that disagree behave
    /// differently (so the scenario really shows the difference). Without rules: all the same.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ScenarioSeparatesExactlyTheDialectsItsRulesSeparate(string file)
    {
        var scenario = Load(file);
        foreach (var rule in scenario.Rules) Assert.True(RuleProperties().Any(p => p.Name == rule), $"{file}: no rule {rule}");
        var transcripts = Enum.GetValues<ChkconfigDialect>().ToDictionary(d => d, d => string.Join("\n---\n", ScenarioRunner.Run(scenario, d)));
        var dialects = transcripts.Keys.ToList();
        foreach (var a in dialects)
            foreach (var b in dialects.Where(b => a < b))
            {
                var sameRules = scenario.Rules.All(r => Equals(Value(r, a), Value(r, b)));
                Assert.True(sameRules == (transcripts[a] == transcripts[b]),
                    $"{file}: {a.Name()} and {b.Name()} {(sameRules ? "should behave the same" : "should differ")}\n" +
                    $"--- {a.Name()}\n{transcripts[a]}\n--- {b.Name()}\n{transcripts[b]}");
            }
    }

    [Fact]
    public void EveryRuleThatDiffersBetweenDialectsHasAScenario()
    {
        var covered = Files().SelectMany(f => Load(f).Rules).ToHashSet();
        var differing = RuleProperties()
            .Where(p => Enum.GetValues<ChkconfigDialect>().Select(d => p.GetValue(ChkconfigRules.For(d))).Distinct().Count() > 1)
            .Select(p => p.Name).ToList();
        Assert.NotEmpty(differing);
        var uncovered = differing.Where(name => !covered.Contains(name)).ToList();
        Assert.True(uncovered.Count == 0, $"rules without a scenario: {string.Join(", ", uncovered)}");
    }

    private static IEnumerable<PropertyInfo> RuleProperties() =>
        typeof(ChkconfigRules).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(ChkconfigRules.Dialect));

    private static object? Value(string rule, ChkconfigDialect dialect) =>
        typeof(ChkconfigRules).GetProperty(rule)!.GetValue(ChkconfigRules.For(dialect));
}
