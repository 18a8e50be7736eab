using System.Text.RegularExpressions;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// Log lines go to the kernel log (the tree's /dev/kmsg, here a regular file that collects what is
/// written to it) as "&lt;priority&gt;personality: message", and all of them to /var/log/personality.log,
/// written once /var/log is writable, through its rwtab bind. personality.debug adds a line per step.
/// </summary>
[Collection("root")]
public sealed class KmsgAndLogTests
{
    private static readonly Regex KmsgLine = new(@"^<(?<p>[0-7])>personality: (?<m>.+)$");
    private static readonly Regex LogLine = new(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (?<l>debug|info|warning|error): (?<m>.+)$");

    [Fact]
    public void KmsgGetsPriorityPrefixedLinesAndTheLogFileGetsTheSameRunThroughTheBind()
    {
        using var tree = NewTree("kmsg");
        var obs = tree.Run("boot 1 ''\nnote kmsg \"$(cat \"$ROOT/dev/kmsg\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        var kmsg = Lines(obs.Note("kmsg"));
        var log = Lines(boot.Log ?? "");

        Expect.True(kmsg.Count > 0, "nothing was written to the tree's /dev/kmsg", boot);
        var bad = kmsg.Where(l => !KmsgLine.IsMatch(l)).ToList();
        Expect.True(bad.Count == 0, "kmsg lines not of the form <N>personality: message:\n  " + string.Join("\n  ", bad), boot);
        Expect.True(!kmsg.Any(l => l.StartsWith("<7>", StringComparison.Ordinal)), "debug lines in kmsg without personality.debug", boot);

        // The log file exists only through the /var/log bind (the image's /var/log is untouched) and holds the run's lines.
        Expect.True(log.Count > 0, $"no {tree.HostPath("/var/log/personality.log")} inside the namespace", boot);
        Assert.False(File.Exists(tree.HostPath("/var/log/personality.log")), "the log was written to the image's /var/log, not through the bind");
        Expect.MountAt(boot, tree, "/var/log");
        var badLog = log.Where(l => !LogLine.IsMatch(l)).ToList();
        Expect.True(badLog.Count == 0, "log lines not of the form TIMESTAMP LEVEL: message:\n  " + string.Join("\n  ", badLog), boot);
        Expect.True(!log.Any(l => LogLine.Match(l).Groups["l"].Value == "debug"), "debug lines in the log without personality.debug", boot);
        Expect.True(log.Any(l => l.Contains($" info: {status.Result} in ", StringComparison.Ordinal)),
            $"the log has no closing line saying '{status.Result} in ... ms'", boot);
        SameMessages(kmsg, log, boot);
    }

    [Fact]
    public void PersonalityDebugAddsADebugLinePerStep()
    {
        using var tree = NewTree("debug");
        var obs = tree.Run("boot 1 'quiet personality.debug'\nnote kmsg \"$(cat \"$ROOT/dev/kmsg\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Assert.Equal("yes", status.Setting("DEBUG"));
        var kmsg = Lines(obs.Note("kmsg"));
        var log = Lines(boot.Log ?? "");
        Expect.True(log.Count > 0, "no log file inside the namespace", boot);

        var debug = log.Where(l => LogLine.Match(l).Groups["l"].Value == "debug").ToList();
        Expect.True(status.Steps.Count >= 5, $"expected the scratch mount, copies and binds as steps, got {status.Steps.Count}", boot);
        foreach (var step in status.Steps)
        {
            var about = debug.Where(l => l.Contains($"debug: {step.Stage}: {step.Action} ", StringComparison.Ordinal)
                                         && l.Contains(step.Target, StringComparison.Ordinal)
                                         && l.Contains($"[{step.Origin}]", StringComparison.Ordinal)
                                         && l.Contains(step.Result, StringComparison.Ordinal)).ToList();
            Expect.True(about.Count == 1, $"expected one debug line for step {step}, found {about.Count}:\n  " + string.Join("\n  ", debug), boot);
        }
        Expect.True(kmsg.Any(l => l.StartsWith("<7>personality: ", StringComparison.Ordinal)), "no debug (<7>) lines in kmsg with personality.debug", boot);
        SameMessages(kmsg, log, boot);
    }

    private static GuestTree NewTree(string name)
    {
        var tree = GuestTree.Create(name);
        try
        {
            tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
            tree.WriteRwtab("dirs /var/log\nfiles /var/lib/app\nempty /tmp\n");
            tree.Seed("/var/lib/app", isDirectory: true);
            tree.AddFile("/dev/kmsg", "", "600"); // a regular file: it keeps what the kernel would have logged
            return tree;
        }
        catch
        {
            tree.Dispose();
            throw;
        }
    }

    // Every kmsg line is also in the log, at the matching level, in the same order.
    private static void SameMessages(IReadOnlyList<string> kmsg, IReadOnlyList<string> log, BootObservation boot)
    {
        string Level(string p) => p switch { "7" => "debug", "6" => "info", "4" => "warning", "3" => "error", _ => "?" + p };
        var fromKmsg = kmsg.Select(l => KmsgLine.Match(l)).Select(m => $"{Level(m.Groups["p"].Value)}: {m.Groups["m"].Value}").ToList();
        var fromLog = log.Select(l => LogLine.Match(l)).Where(m => m.Success).Select(m => $"{m.Groups["l"].Value}: {m.Groups["m"].Value}").ToList();
        Expect.True(fromKmsg.SequenceEqual(fromLog),
            "kmsg and the log file disagree\n--- kmsg\n  " + string.Join("\n  ", fromKmsg) + "\n--- log\n  " + string.Join("\n  ", fromLog), boot);
    }

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
