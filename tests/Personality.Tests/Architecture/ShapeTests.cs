using System.Reflection;
using System.Text.RegularExpressions;
using Personality.Pipeline;
using Personality.Stages;
using Personality.Steps;

namespace Personality.Tests.Architecture;

/// <summary>
/// The shape the product promises: plan code never reaches into apply code or dry-run code,
/// nothing shared asks "is this a dry run?", and the stages form one sequence of uniquely named
/// objects, one per file. These failed on the old shape (Plan and Apply referenced each other,
/// PlanContext had a DryRun flag and a type test, two stages were both named "state").
/// </summary>
public partial class ShapeTests
{
    private static readonly string Source = FindSource();

    private static string FindSource()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Personality.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Personality.sln above the tests"), "src", "Personality");
    }

    /// <summary>The code both boot and dry-run run: it must not know which of them it is.</summary>
    private static readonly string[] Shared = ["Pipeline", "Stages", "Steps", "Plan", "Settings", "Discovery", "Manifests", "Ownership", "Items"];

    private static IEnumerable<(string File, string Text)> SharedFiles() =>
        Shared.Select(f => Path.Combine(Source, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Select(f => (Path.GetRelativePath(Source, f), File.ReadAllText(f)));

    [Fact]
    public void SharedCodeNeverReferencesApplyOrDryRun()
    {
        var offenders = SharedFiles()
            .Where(f => ApplyOrDryRun().IsMatch(f.Text))
            .Select(f => f.File).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void SharedCodeHasNoDryRunFlagOrVolumeTypeTest()
    {
        var offenders = SharedFiles()
            .Where(f => DryRunQuestion().IsMatch(f.Text))
            .Select(f => f.File).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryStageNameIsUsedByExactlyOneStageInTheSequenceInOrder()
    {
        var names = StageSequence.All.Select(s => s.Name).ToList();
        Assert.Equal(Enum.GetValues<StageName>(), names);
        Assert.Equal(names.Count, names.Select(n => n.Text()).Distinct().Count());
    }

    [Fact]
    public void EachStageLivesInAFileOfItsOwn()
    {
        var stages = typeof(IStage).Assembly.GetTypes().Where(t => typeof(IStage).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToList();
        foreach (var stage in stages)
        {
            var file = Directory.EnumerateFiles(Source, stage.Name + ".cs", SearchOption.AllDirectories).SingleOrDefault();
            Assert.True(file is not null, $"{stage.Name} has no file {stage.Name}.cs");
            Assert.Single(ClassDeclaration().Matches(File.ReadAllText(file!)));
        }
        Assert.Equal(stages.Count, StageSequence.All.Count);
    }

    [Fact]
    public void StepsAreImmutableDescriptions()
    {
        var mutable = typeof(Step).Assembly.GetTypes()
            .Where(t => typeof(Step).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}").ToList();
        Assert.Empty(mutable);
    }

    [GeneratedRegex(@"Personality\.(Apply|DryRun)\b")]
    private static partial Regex ApplyOrDryRun();

    [GeneratedRegex(@"\bDryRun\b|\bis\s+DirectoryVolumes\b|\bis\s+VolumeDiscovery\b")]
    private static partial Regex DryRunQuestion();

    [GeneratedRegex(@"^\s*(public|internal)\s+(sealed\s+)?(partial\s+)?class\s", RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();
}
