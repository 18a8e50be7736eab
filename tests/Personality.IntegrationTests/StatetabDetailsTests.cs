using System.Text.RegularExpressions;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// The finer points of Red Hat's statetab handling: the state volume's own copy of a statetab wins,
/// /etc/statetab.d/* (backup names ignored), bad words reported at file:line:column, and the volume's
/// own "files" list only behind STATE_FILES_LIST=yes.
/// </summary>
[Collection("root")]
public sealed class StatetabDetailsTests
{
    [Fact]
    public void TheVolumesOwnStatetabIsBoundOverTheImagesAndItsEntriesAreTheOnesApplied()
    {
        var label = Labels.Unique();
        using var content = new TempDir("own-statetab");
        Directory.CreateDirectory(Path.Combine(content.Path, "etc"));
        File.WriteAllText(Path.Combine(content.Path, "etc", "statetab"), "/var/lib/vol\n");
        using var volume = LoopVolume.Create(FsType.Ext4, label, populateFrom: content.Path);
        using var tree = GuestTree.Create("own-statetab");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/img\n");
        tree.Seed("/var/lib/img", isDirectory: true);
        tree.Seed("/var/lib/vol", isDirectory: true);

        var obs = tree.Run("boot 1 ''\nnote statetab \"$(cat \"$ROOT/etc/statetab\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        // /etc/statetab now shows the volume's copy.
        var tab = Expect.MountAt(boot, tree, "/etc/statetab");
        Expect.True(tab.Source == volume.Device && tab.Root == "/etc/statetab", $"/etc/statetab is not bound from the volume's copy: {tab}", boot);
        Expect.Step(boot, "/etc/statetab", "bind", "applied", GuestTree.StateMount + "/etc/statetab");
        Assert.Equal("/var/lib/vol", obs.Note("statetab"));
        Assert.Equal("/var/lib/img\n", File.ReadAllText(tree.HostPath("/etc/statetab"))); // the image is untouched

        // Its entry is applied; the image's entry is not.
        var vol = Expect.MountAt(boot, tree, "/var/lib/vol");
        Expect.True(vol.Source == volume.Device && vol.Root == "/var/lib/vol", $"/var/lib/vol is not bound from the state copy: {vol}", boot);
        var bind = Expect.Step(boot, "/var/lib/vol", "bind", "applied");
        Expect.True(Regex.IsMatch(bind.Origin ?? "", $"^({Regex.Escape(GuestTree.StateMount)})?/etc/statetab:1(:1)?$"),
            $"/var/lib/vol's origin '{bind.Origin}' is not line 1 of the volume's statetab", boot);
        Expect.NoMountAt(boot, tree, "/var/lib/img");
        Expect.True(!status.Steps.Any(s => (s.Target == "/var/lib/img" || s.Source == "/var/lib/img") && s.Result == "applied"),
            "the image's statetab entry /var/lib/img was applied", boot);
        Assert.Equal("seed of /var/lib/vol\n", volume.ReadFile("var/lib/vol/seed.txt"));
        Assert.Null(volume.ReadFile("var/lib/img/seed.txt"));
    }

    // Red Hat's is_ignored_file: backup and package-manager leftovers in statetab.d are not read.
    [Theory]
    [InlineData(".rpmsave")]
    [InlineData(".rpmnew")]
    [InlineData(".rpmorig")]
    [InlineData(".bak")]
    [InlineData(".orig")]
    [InlineData(".old")]
    [InlineData("~")]
    public void StatetabDotDFilesAreAppliedAndBackupNamesAreIgnored(string suffix)
    {
        var label = Labels.Unique();
        using var volume = LoopVolume.Create(FsType.Ext4, label);
        using var tree = GuestTree.Create("statetab-d");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/main\n");
        tree.AddFile("/etc/statetab.d/app", "# the app's state\n/var/lib/app\n");
        tree.AddFile("/etc/statetab.d/app" + suffix, "/var/lib/old\n");
        foreach (var p in new[] { "/var/lib/main", "/var/lib/app", "/var/lib/old" })
            tree.Seed(p, isDirectory: true);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        foreach (var (path, file, line) in new[] { ("/var/lib/main", "/etc/statetab", 1), ("/var/lib/app", "/etc/statetab.d/app", 2) })
        {
            var m = Expect.MountAt(boot, tree, path);
            Expect.True(m.Source == volume.Device && m.Root == path, $"{path} is not bound from the state copy: {m}", boot);
            Expect.Step(boot, path, "copy", "applied", file, line);
            Expect.Step(boot, path, "bind", "applied", file, line);
        }
        Expect.NoMountAt(boot, tree, "/var/lib/old");
        var fromIgnored = status.Steps.Where(s => (s.Origin ?? "").StartsWith("/etc/statetab.d/app" + suffix, StringComparison.Ordinal) || s.Target == "/var/lib/old" || s.Source == "/var/lib/old").ToList();
        Expect.True(fromIgnored.Count == 0, $"steps from the ignored file app{suffix}:\n  " + string.Join("\n  ", fromIgnored), boot);
        Assert.Null(volume.ReadFile("var/lib/old/seed.txt"));
        Assert.Equal("seed of /var/lib/app\n", volume.ReadFile("var/lib/app/seed.txt"));
    }

    [Fact]
    public void BadStatetabWordsAreWarningsAtFileLineColumnAndTheOtherEntriesAreApplied()
    {
        var label = Labels.Unique();
        using var volume = LoopVolume.Create(FsType.Ext4, label);
        using var tree = GuestTree.Create("statetab-bad");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteRwtab("empty /tmp\n");
        // Line 2 holds two words (Red Hat: every word is a path); the second, at column 16, is relative.
        // Line 3 climbs with "..": it would name /var/etc/escape.
        tree.WriteStatetab("# good and bad words\n/var/lib/good1 var/lib/rel\n/var/lib/../etc/escape\n    /var/lib/good2\n");
        foreach (var p in new[] { "/var/lib/good1", "/var/lib/good2", "/var/lib/rel", "/var/etc/escape" })
            tree.Seed(p, isDirectory: true);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.True(status.Errors.Count == 0, "bad statetab words are warnings, not errors", boot);

        var warnings = Expect.Warnings(boot);
        foreach (var at in new[] { "/etc/statetab:2:16", "/etc/statetab:3:1" })
        {
            var here = warnings.Where(w => w.Origin == at).ToList();
            Expect.True(here.Count == 1, $"expected one warning at {at}, found {here.Count}", boot);
        }
        Expect.True(warnings.Count == 2, $"expected exactly 2 warnings, got {warnings.Count}", boot);

        foreach (var path in new[] { "/var/lib/rel", "/var/etc/escape", "/var/lib", "/var/etc" })
            Expect.NoMountAt(boot, tree, path);
        var bad = status.Steps.Where(s => Regex.IsMatch(s.Origin ?? "", "^/etc/statetab:(2:16|3)(:|$)")).ToList();
        Expect.True(bad.All(s => s.Result is not ("applied" or "failed")), "steps ran for bad words:\n  " + string.Join("\n  ", bad), boot);

        foreach (var (path, origin) in new[] { ("/var/lib/good1", "/etc/statetab:2:1"), ("/var/lib/good2", "/etc/statetab:4:5") })
        {
            var m = Expect.MountAt(boot, tree, path);
            Expect.True(m.Source == volume.Device, $"{path} is not bound from the state volume: {m}", boot);
            var bind = Expect.Step(boot, path, "bind", "applied");
            Expect.True(bind.Origin == origin, $"{path}'s origin is '{bind.Origin}', expected {origin}", boot);
        }
        Assert.Null(volume.ReadFile("var/lib/rel/seed.txt"));
        Assert.Null(volume.ReadFile("var/etc/escape/seed.txt"));
    }

    [Fact]
    public void TheVolumesFilesListIsIgnoredByDefaultAndAppliedWithStateFilesListYes()
    {
        var label = Labels.Unique();
        using var content = new TempDir("files-list");
        File.WriteAllText(Path.Combine(content.Path, "files"), "# chosen by the volume\n/var/lib/listed\n");
        using var volume = LoopVolume.Create(FsType.Ext4, label, populateFrom: content.Path);
        using var tree = GuestTree.Create("files-list");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/tabbed\n");
        tree.Seed("/var/lib/tabbed", isDirectory: true);
        tree.Seed("/var/lib/listed", isDirectory: true);

        // Default: not trusted, and the record says how to trust it.
        var first = tree.Run("boot 1 ''").Boot(1);
        var s1 = Expect.Booted(first, tree);
        Assert.Equal("no", s1.Setting("STATE_FILES_LIST"));
        Expect.MountAt(first, tree, "/var/lib/tabbed");
        Expect.NoMountAt(first, tree, "/var/lib/listed");
        var skipped = s1.Steps.Where(s => s.Result == "skipped" && (s.Detail ?? "").Contains("STATE_FILES_LIST", StringComparison.Ordinal)).ToList();
        Expect.True(skipped.Count == 1, $"expected one skipped step mentioning STATE_FILES_LIST, found {skipped.Count}", first);
        Expect.True(skipped[0].Target.EndsWith("/files", StringComparison.Ordinal) || (skipped[0].Origin ?? "").Contains("/files", StringComparison.Ordinal),
            $"the skipped step {skipped[0]} does not name the volume's files list", first);
        Expect.True(!s1.Steps.Any(s => (s.Target == "/var/lib/listed" || s.Source == "/var/lib/listed") && s.Result == "applied"),
            "a path from the untrusted files list was applied", first);
        Assert.Null(volume.ReadFile("var/lib/listed/seed.txt"));

        // STATE_FILES_LIST=yes: its paths are copied and bound like statetab entries.
        tree.WriteSysconfig("personality", ("STATE_FILES_LIST", "yes"));
        var second = tree.Run("boot 1 ''").Boot(1);
        var s2 = Expect.Booted(second, tree);
        Expect.Result("applied", second);
        Expect.NoDiagnostics(second);
        Assert.Equal("yes", s2.Setting("STATE_FILES_LIST"));
        var listed = Expect.MountAt(second, tree, "/var/lib/listed");
        Expect.True(listed.Source == volume.Device && listed.Root == "/var/lib/listed", $"/var/lib/listed is not bound from the state copy: {listed}", second);
        Expect.Step(second, "/var/lib/listed", "copy", "applied", GuestTree.StateMount + "/files", 2);
        Expect.Step(second, "/var/lib/listed", "bind", "applied", GuestTree.StateMount + "/files", 2);
        Expect.MountAt(second, tree, "/var/lib/tabbed");
        Expect.True(!s2.Steps.Any(s => s.Result == "skipped" && (s.Detail ?? "").Contains("STATE_FILES_LIST", StringComparison.Ordinal)),
            "the files list is still skipped with STATE_FILES_LIST=yes", second);
        Assert.Equal("seed of /var/lib/listed\n", volume.ReadFile("var/lib/listed/seed.txt"));
    }
}
