using System.Text.RegularExpressions;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>`boot` ends its console output with one PERSONALITY-READY line, also when it is disabled.</summary>
[Collection("root")]
public sealed class ReadinessLineTests
{
    private static string LastLine(BootObservation boot) => boot.Stdout.TrimEnd('\n').Split('\n')[^1];

    [Fact]
    public void ABootEndsWithTheReadinessLine()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("ready");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        using var host = new ConfigVolume(hostLabel).Manifest("version: 1\nrole: host\nhostname: web01\n").Attach();
        using var app = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\n").Attach();

        var boot = PersonalityGuest.RunWithUts(tree, "boot 1 ''").Boot(1);

        Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        var bootId = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        Expect.True(Regex.IsMatch(LastLine(boot),
                $@"^PERSONALITY-READY v=1 result=applied exit={boot.ExitCode} personality=web hostname=web01 ms=\d+\.\d boot={bootId} at=\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"),
            "the last line of stdout is not the readiness line", boot);
        Assert.Single(Regex.Matches(boot.Stdout, "PERSONALITY-READY"));
    }

    [Fact]
    public void ADisabledBootSaysSo()
    {
        using var tree = GuestTree.Create("ready-off");
        var boot = tree.Run("boot 1 'personality=off'").Boot(1);

        Assert.Equal(13, boot.ExitCode);
        Expect.True(Regex.IsMatch(LastLine(boot), @"^PERSONALITY-READY v=1 result=disabled exit=13 personality=- hostname=- ms=\d+\.\d boot=\S+ at=\S+$"),
            "the last line of stdout is not the readiness line of a disabled boot", boot);
    }
}
