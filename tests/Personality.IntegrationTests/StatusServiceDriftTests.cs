using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>status reads back the services boot switched: a link removed afterwards is drift (exit 1).</summary>
[Collection("root")]
public sealed class StatusServiceDriftTests
{
    [Fact]
    public void ARemovedStartLinkIsReportedAsServiceDrift()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("svc-drift");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        using var app = new ConfigVolume(appLabel)
            .Manifest("version: 1\nrole: app\npersonality: web\nservices:\n  on: [httpd]\n  levels: \"35\"\n").Attach();

        var obs = tree.Run($"""
            boot 1 ''
            "$PERSONALITY_BIN" status --root "$ROOT" > "$OUT/status-clean.txt"; echo $? > "$OUT/status-clean.exit"
            rm "$ROOT/etc/rc.d/rc3.d/S85httpd"
            "$PERSONALITY_BIN" status --root "$ROOT" --json > "$OUT/status-drift.json"; echo $? > "$OUT/status-drift.exit"
            """);
        var boot = obs.Boot(1);
        Expect.Result("applied", boot);
        var step = PersonalityGuest.StageStep(boot, "services", "service-on", "httpd");
        Assert.Equal("applied", step.Result);

        Assert.Equal("0", File.ReadAllText(Path.Combine(obs.OutDir, "status-clean.exit")).Trim());
        Assert.Equal("1", File.ReadAllText(Path.Combine(obs.OutDir, "status-drift.exit")).Trim());
        var drift = File.ReadAllText(Path.Combine(obs.OutDir, "status-drift.json"));
        Assert.Contains("\"kind\": \"service\"", drift);
        Assert.Contains("\"expected\": \"on at levels 35\"", drift);
        Assert.Contains("\"actual\": \"off at level 3\"", drift);
    }
}
