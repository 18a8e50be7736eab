using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// The record of files earlier roles placed lives on the state volume, so it is input like a manifest:
/// a crafted entry must not make boot remove a forbidden file, or copy one anywhere, through the
/// "put the original back" step. Such entries are reported, dropped from the record, and nothing is done.
/// </summary>
[Collection("root")]
public sealed class KeptRecordTests
{
    [Fact]
    public void ACraftedFileRecordOnTheStateVolumeNeitherRemovesNorCopiesAForbiddenFile()
    {
        var stateLabel = Labels.Unique();
        using var data = new TempDir("kept-record");
        Directory.CreateDirectory(Path.Combine(data.Path, ".personality"));
        Directory.CreateDirectory(Path.Combine(data.Path, "var/lib/app"));
        File.WriteAllText(Path.Combine(data.Path, ".personality/files.json"), """
            {"schemaVersion": 1, "files": [
              {"path": "/etc/shadow", "by": "evil"},
              {"path": "/var/lib/app/leak", "savedOriginal": "/etc/shadow", "by": "evil"}
            ]}
            """);
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel, populateFrom: data.Path);
        using var tree = GuestTree.Create("kept-record");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), ConfigLabels.App());
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/app\n");
        tree.AddDir("/var/lib/app");
        var shadow = File.ReadAllText(tree.HostPath("/etc/shadow"));

        var obs = tree.Run("""
            boot 1 ''
            { cat "$ROOT/var/lib/app/leak" 2>/dev/null || echo -; } >"$OUT/leak.txt"
            cat "$ROOT/var/lib/stateless/state/.personality/files.json" >"$OUT/record.json" 2>/dev/null
            """);
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);

        Assert.Equal(shadow, File.ReadAllText(tree.HostPath("/etc/shadow")));
        Assert.Equal("-", obs.ReadOut("leak.txt").Trim());
        Assert.DoesNotContain(status.Steps, s => s.Action == "file-restore");
        var warnings = status.Warnings.Select(PersonalityGuest.Text).Where(w => w.Contains("files.json")).ToList();
        Expect.True(warnings.Count == 2, "expected a warning for each crafted entry:\n" + string.Join("\n", warnings), boot);
        Assert.DoesNotContain("evil", obs.ReadOut("record.json"));
    }

    [Fact]
    public void APersonalityDirectoryThatIsASymlinkOnTheStateVolumeIsNeitherWrittenNorReadThrough()
    {
        var stateLabel = Labels.Unique();
        var appLabel = ConfigLabels.App();
        using var outside = new OutsideDir();
        using var data = new TempDir("kept-link");
        File.CreateSymbolicLink(Path.Combine(data.Path, ".personality"), outside.Path);
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel, populateFrom: data.Path);
        using var tree = GuestTree.Create("kept-link");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/app\n");
        tree.AddDir("/var/lib/app").AddFile("/var/lib/app/app.conf", "image\n");
        using var app = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\nfiles:\n  - {path: /var/lib/app/app.conf, source: files/app.conf}\n")
            .File("files/app.conf", "web\n").Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);

        Expect.True(outside.Changes() == "", $"the outside directory changed:\n{outside.Changes()}", boot);
        var warnings = status.Warnings.Select(PersonalityGuest.Text).Where(w => w.Contains(".personality")).ToList();
        Expect.True(warnings.Count >= 2, "expected warnings that neither the change record nor the history was kept:\n" + string.Join("\n", warnings), boot);
    }

    [Fact]
    public void AConfigVolumeCannotWriteTheRecordsBootKeeps()
    {
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("kept-claim");
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel); // a writable root: records go to /var/lib/personality
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - {path: /var/lib/personality/files.json, source: files/record.json}

            """).File("files/record.json", "{\"files\": [{\"path\": \"/etc/hosts\"}]}\n").Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);

        Assert.False(File.Exists(tree.HostPath("/var/lib/personality/files.json")), "the app volume wrote boot's file record");
        Expect.True(status.Errors.Select(PersonalityGuest.Text).Any(e => e.Contains("personality's own records") && e.Contains(app.OriginOfLine("- {path:"))),
            "no error names the manifest line and the reason", boot);
    }
}
