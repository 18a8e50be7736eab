using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// Settings end to end: /etc/sysconfig/personality, then /etc/sysconfig/readonly-root, then the kernel
/// command line, the last one winning, each value recorded with its source; mistakes reported where they are.
/// </summary>
[Collection("root")]
public sealed class SettingsPrecedenceTests
{
    [Fact]
    public void KernelCommandLineOverridesTheSysconfigFileAndTheRecordSaysSo()
    {
        var missing = Labels.Unique();
        using var tree = GuestTree.Create("precedence");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteSysconfig("personality", ("DEVICE_TIMEOUT", "7"), ("REQUIRED_LABELS", missing));
        tree.WriteRwtab("empty /tmp\n");

        var obs = tree.Run("boot 1 'ro quiet personality.DEVICE_TIMEOUT=1'");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);

        var timeouts = status.Settings.Where(s => s.Key == "DEVICE_TIMEOUT").ToList();
        Expect.True(timeouts.Count == 1, $"expected one effective DEVICE_TIMEOUT in settings[], found {timeouts.Count}", boot);
        Expect.True(timeouts[0].Value == "1", $"DEVICE_TIMEOUT is '{timeouts[0].Value}', expected the command line's 1", boot);
        Expect.True(timeouts[0].Source == "kernel command line (personality.DEVICE_TIMEOUT=1)",
            $"DEVICE_TIMEOUT's source is '{timeouts[0].Source}'", boot);
        var required = status.Settings.Single(s => s.Key == "REQUIRED_LABELS");
        Expect.True(required.Value == missing && required.Source == "/etc/sysconfig/personality:3",
            $"REQUIRED_LABELS is {required}, expected {missing} from /etc/sysconfig/personality:3", boot);
        Expect.True(status.Settings.Single(s => s.Key == "READONLY").Source == "/etc/sysconfig/readonly-root:2",
            "READONLY's source should be /etc/sysconfig/readonly-root:2", boot);

        // And the value is the one used: the wait for the missing required label is 1 s, not 7.
        Expect.True(boot.WallMs is >= 900 and < 4000, $"boot took {boot.WallMs} ms: the wait was not the command line's 1 s", boot);
        Expect.True(status.Errors.Any(e => e.Message.Contains(missing, StringComparison.Ordinal)), $"no error names the missing label {missing}", boot);
    }

    [Fact]
    public void MisspeltKeyIsAWarningAtLineAndColumnWithADidYouMeanHint()
    {
        using var tree = GuestTree.Create("misspelt");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.AddFile("/etc/sysconfig/personality", "# site settings\nDEVICE_TIMEOUT=2\n  DEVICE_TIMOUT=3\n");
        tree.WriteRwtab("empty /tmp\n");

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        const string at = "/etc/sysconfig/personality:3:3";
        var warnings = Expect.Warnings(boot);
        var here = warnings.Where(w => w.Origin == at || w.Message.Contains(at, StringComparison.Ordinal)).ToList();
        Expect.True(here.Count == 1, $"expected one warning at {at}, found {here.Count}", boot);
        var w = here[0];
        Expect.True(w.Message.Contains("DEVICE_TIMOUT", StringComparison.Ordinal), $"the warning does not name the misspelt key: {w}", boot);
        Expect.True((w.Message + " " + w.Hint).Contains("did you mean DEVICE_TIMEOUT", StringComparison.OrdinalIgnoreCase),
            $"no 'did you mean DEVICE_TIMEOUT' hint: {w}", boot);
        Expect.True(warnings.Count == 1, $"expected only that warning, got {warnings.Count}", boot);
        Expect.True(status.Errors.Count == 0, "a misspelt key is a warning, not an error", boot);
        Expect.Result("degraded", boot);

        // The misspelt line changes nothing; the good line still counts.
        var timeout = status.Settings.Single(s => s.Key == "DEVICE_TIMEOUT");
        Expect.True(timeout.Value == "2" && timeout.Source == "/etc/sysconfig/personality:2", $"DEVICE_TIMEOUT is {timeout}", boot);
        Expect.True(status.Settings.All(s => s.Key != "DEVICE_TIMOUT"), "the misspelt key is in settings[]", boot);
        Expect.MountAt(boot, tree, "/tmp");
    }

    [Theory]
    [InlineData("ro quiet noreadonlyroot")]
    [InlineData("readonlyroot noreadonlyroot")] // Red Hat tests both words; "no" wins whatever the order
    [InlineData("noreadonlyroot readonlyroot")]
    public void NoreadonlyrootOnTheCommandLineBeatsReadonlyYesInTheFile(string cmdline)
    {
        using var tree = GuestTree.Create("noreadonlyroot");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteRwtab("dirs /var/log\nempty /tmp\n");
        tree.WriteStatetab("/var/lib/foo\n");
        tree.Seed("/var/lib/foo", isDirectory: true);

        var obs = tree.Run($"mounts before\nboot 1 '{cmdline}'");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        var ro = status.Settings.Single(s => s.Key == "READONLY");
        Expect.True(ro.Value == "no" && ro.Source == "kernel command line (noreadonlyroot)",
            $"READONLY is {ro}, expected no from the kernel command line (noreadonlyroot)", boot);
        Expect.True(status.Steps.Count == 0, "steps although noreadonlyroot:\n  " + string.Join("\n  ", status.Steps), boot);
        Expect.True(status.Errors.Count == 0, "errors although noreadonlyroot", boot);
        Expect.True(boot.Mounts.Select(m => m.ToString()).SequenceEqual(obs.Mounts("before").Select(m => m.ToString())),
            "mounts changed although noreadonlyroot\n" + Expect.MountsBelow(boot, tree), boot);
    }
}
