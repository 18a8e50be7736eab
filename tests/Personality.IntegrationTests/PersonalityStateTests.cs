using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>A config volume's state/ folder need not exist: the first boot makes it and copies into it.</summary>
[Collection("root")]
public sealed class PersonalityStateTests
{
    [Fact]
    public void AVolumeWithoutStateFolderGetsOneOnFirstUse()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("state-first");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        tree.AddDir("/var/lib/web").AddFile("/var/lib/web/sessions", "from the image\n");
        using var app = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\nstate: [/var/lib/web]\n");
        Directory.Delete(Path.Combine(app.Dir, "state"));
        app.Attach();

        var obs = tree.Run("""
            boot 1 ''
            cat "$ROOT/var/lib/personality/app/state/var/lib/web/sessions" > "$OUT/copy.note"
            """);
        var boot = obs.Boot(1);
        Expect.Result("applied", boot);
        Assert.Equal("applied", PersonalityGuest.StageStep(boot, "state", "bind", "/var/lib/web").Result);
        Assert.Equal("from the image", obs.Note("copy"));
    }
}
