namespace Personality.IntegrationTests.Harness;

/// <summary>Everything one namespace script wrote to $OUT, plus its own exit code and output.</summary>
public sealed class Observations(string outDir, ProcessResult process)
{
    public ProcessResult Process { get; } = process;
    public string OutDir { get; } = outDir;

    /// <summary>How the tree's first boot, when this script ran it, compared with its dry-run plan.</summary>
    public PlanCheck? PlanCheck { get; internal set; }

    public BootObservation Boot(int n) => new(OutDir, n);

    public IReadOnlyList<MountInfo> Mounts(string name) => MountInfo.Parse(ReadOut($"{name}.mountinfo"));

    public TreeSnapshot Tree(string name) => TreeSnapshot.Load(ReadOut($"{name}.tree"), ReadOut($"{name}.md5"));

    public string Note(string name) => ReadOut($"{name}.note").TrimEnd('\n');

    /// <summary>For assertion messages: the script's own output and every boot's output and status.</summary>
    public string Describe()
    {
        var boots = Enumerable.Range(1, 9).Select(Boot).Where(b => b.Ran).Select(b => b.Describe());
        return string.Join("\n", [Process.ToString(), .. boots]);
    }

    /// <summary>A file the namespace script wrote to OUT; a missing one fails the test with the script's output.</summary>
    public string ReadOut(string file)
    {
        var p = Path.Combine(OutDir, file);
        return File.Exists(p) ? File.ReadAllText(p)
            : throw new Xunit.Sdk.XunitException($"the namespace script wrote no {file}\n{Process}");
    }
}
