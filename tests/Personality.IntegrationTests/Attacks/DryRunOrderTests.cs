using System.Text.Json;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// dry-run shows exactly what boot would do, in the order boot does it. Two stages share the name
/// "state" (the STATE_LABEL area, and the config volumes' state items, which come after the volumes are
/// mounted), so a listing grouped by stage name moves steps out of their execution order.
/// </summary>
[Collection("root")]
public sealed class DryRunOrderTests
{
    private sealed record Setup(GuestTree Tree, ConfigVolume App, TempDir StateContent, LoopVolume State, string StateLabel) : IDisposable
    {
        public string[] VolumeArgs => ["--volume", $"{StateLabel}={StateContent.Path}", "--volume", $"{App.Label}={App.Dir}"];

        public void Dispose()
        {
            try { App.Dispose(); }
            finally
            {
                try { State.Dispose(); }
                finally
                {
                    StateContent.Dispose();
                    Tree.Dispose();
                }
            }
        }
    }

    /// <summary>A state volume with a statetab, and an app volume with state items: both "state" stages.</summary>
    private static Setup Make()
    {
        var stateLabel = Labels.Unique();
        var appLabel = ConfigLabels.App();
        var tree = GuestTree.Create("dry-order");
        TempDir? content = null;
        LoopVolume? state = null;
        ConfigVolume? app = null;
        try
        {
            PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
            tree.WriteReadonlyRoot(Labels.Unique(), stateLabel); // no scratch device: tmpfs
            tree.WriteRwtab("dirs /var/log\n");
            tree.WriteStatetab("/var/lib/app\n");
            tree.AddDir("/var/lib/app").AddFile("/var/lib/app/db", "rows\n");
            tree.AddDir("/var/lib/web").AddFile("/var/lib/web/sessions", "sessions\n");
            tree.AddDir("/var/lib/cache");
            content = new TempDir("dry-order-state");
            state = LoopVolume.Create(FsType.Ext4, stateLabel, populateFrom: content.Path);
            app = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\nstate: [/var/lib/web, /var/lib/cache]\n").Attach();
            return new Setup(tree, app, content, state, stateLabel);
        }
        catch
        {
            app?.Dispose();
            state?.Dispose();
            content?.Dispose();
            tree.Dispose();
            throw;
        }
    }

    private static ProcessResult DryRun(Setup s, params string[] extra) =>
        Shell.Run(RepoPaths.Binary, ["dry-run", "--root", s.Tree.Root, "--cmdline", "", .. s.VolumeArgs, .. extra]);

    private static List<(string Stage, string Action, string Target, string Origin)> JsonSteps(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("steps").EnumerateArray()
            .Select(e => (e.GetProperty("stage").GetString()!, e.GetProperty("action").GetString()!, e.GetProperty("target").GetString()!, e.GetProperty("origin").GetString()!))
            .ToList();
    }

    private static string Show(IEnumerable<object> items) => "  " + string.Join("\n  ", items);

    [Fact]
    public void DryRunJsonListsTheStepsInBootsOrder()
    {
        using var s = Make();
        var plan = DryRun(s, "--json");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        var planned = JsonSteps(plan.Stdout).Select(x => (x.Action, x.Target)).ToList();

        var obs = s.Tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        Expect.Booted(boot, s.Tree);
        var done = boot.Status.Steps.Select(x => (x.Action, x.Target)).ToList();
        Expect.True(planned.SequenceEqual(done),
            $"dry-run --json and boot list different steps or orders:\n--- dry-run\n{Show(planned.Cast<object>())}\n--- boot\n{Show(done.Cast<object>())}", boot);
    }

    [Fact]
    public void DryRunTextPrintsTheStepsInExecutionOrder()
    {
        using var s = Make();
        var json = DryRun(s, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var text = DryRun(s);
        Assert.True(text.ExitCode == 0, text.ToString());

        var expected = JsonSteps(json.Stdout).Select(x => (x.Stage, x.Origin)).ToList();
        var printed = TextSteps(text.Stdout);
        Assert.True(printed.SequenceEqual(expected),
            $"the text plan's steps (stage, origin) are not in execution order:\n--- text\n{Show(printed.Cast<object>())}\n--- execution (--json)\n{Show(expected.Cast<object>())}\n--- output\n{text.Stdout}");
    }

    /// <summary>(stage, origin) of every step line of the text plan: "  STAGE  STEP  [ORIGIN]" under "steps, ...:".</summary>
    private static List<(string Stage, string Origin)> TextSteps(string output)
    {
        var steps = new List<(string, string)>();
        var inSteps = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("steps", StringComparison.Ordinal) && line.EndsWith(':'))
                inSteps = true;
            else if (!line.StartsWith("  ", StringComparison.Ordinal))
                inSteps = false; // "volumes:", "errors:", "warnings:", the summary
            else if (inSteps && line.EndsWith(']') && line.LastIndexOf("  [", StringComparison.Ordinal) is > 0 and var at)
                steps.Add((line.TrimStart().Split(' ')[0], line[(at + 3)..^1]));
        }
        return steps;
    }
}
