using System.Text.Json;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>`personality dry-run`: the plan boot would execute, and nothing changed by computing it.</summary>
[Collection("root")]
public sealed class DryRunTests
{
    private static GuestTree StockTree(string stateLabel)
    {
        var tree = GuestTree.Create("dry");
        tree.FromRwtab("rwtab.fedora");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.AddDir("/var/lib/app").AddFile("/var/lib/app/db", "rows\n");
        tree.WriteStatetab("/var/lib/app\n/var/lib/absent\n");
        return tree;
    }

    private static ProcessResult DryRun(params string[] args) => Shell.Run(RepoPaths.Binary, ["dry-run", .. args]);

    [Fact]
    public void PlanListsStepsInExecutionOrderWithStagesAndOriginsAndNothingChanges()
    {
        var stateLabel = Labels.Unique();
        using var tree = StockTree(stateLabel);
        using var volume = new TempDir("dry-state");
        File.WriteAllText(Path.Combine(volume.Path, "marker"), "on the volume\n");
        var treeBefore = TreeSnapshot.OfHost(tree.Root);
        var volumeBefore = TreeSnapshot.OfHost(volume.Path);

        var r = DryRun("--root", tree.Root, "--volume", $"{stateLabel}={volume.Path}");

        Assert.True(r.ExitCode == 0, r.ToString());
        // One line per step, in the order boot runs them, each starting with its stage.
        var stepLines = r.Stdout.Split('\n').SkipWhile(l => !l.StartsWith("steps")).Skip(1).TakeWhile(l => l.StartsWith("  ")).ToList();
        var stages = stepLines.Select(l => l.Trim().Split(' ')[0]).Distinct().ToList();
        Assert.Equal(["scratch", "rwtab", "state-area", "statetab"], stages);
        Assert.True(stepLines.Select(l => l.Trim().Split(' ')[0]).SequenceEqual(stepLines.Select(l => l.Trim().Split(' ')[0]).OrderBy(stages.IndexOf)),
            "steps of one stage are together, stages in boot order:\n" + r.Stdout);
        Assert.Contains("bind /var/lib/stateless/writable/var/log -> /var/log (slave)  [/etc/rwtab:", r.Stdout);
        Assert.Contains("copy files /var/lib/app -> /var/lib/stateless/state/var/lib/app  [/etc/statetab:1:1]", r.Stdout);
        Assert.Contains("skipped: copy /var/lib/absent (/var/lib/absent does not exist)  [/etc/statetab:2:1]", r.Stdout);
        Assert.Equal("", TreeSnapshot.Diff(treeBefore.Nodes, TreeSnapshot.OfHost(tree.Root).Nodes, _ => false));
        Assert.Equal("", TreeSnapshot.Diff(volumeBefore.Nodes, TreeSnapshot.OfHost(volume.Path).Nodes, _ => false));
        Assert.DoesNotContain(tree.Root, File.ReadAllText("/proc/self/mountinfo"));
    }

    [Fact]
    public void ImageVolumeIsReadThroughAReadOnlyLoopMountThatIsReleased()
    {
        var stateLabel = Labels.Unique();
        using var tree = StockTree(stateLabel);
        using var content = new TempDir("dry-image");
        // The volume's own statetab replaces the image's, so the plan proves the image was read.
        Directory.CreateDirectory(Path.Combine(content.Path, "etc"));
        File.WriteAllText(Path.Combine(content.Path, "etc/statetab"), "/var/lib/app\n");
        var image = Path.Combine(content.Path, "..", Path.GetFileName(content.Path) + ".img");
        try
        {
            Shell.Check("truncate", "-s", "16M", image);
            Shell.Check("mkfs.ext4", "-q", "-F", "-L", stateLabel, "-d", content.Path, image);
            var imageBefore = Shell.Check("md5sum", image).Stdout;

            var r = DryRun("--root", tree.Root, "--volume", $"{stateLabel}={image}", "--json");

            Assert.True(r.ExitCode == 0, r.ToString());
            using var json = JsonDocument.Parse(r.Stdout);
            var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
            Assert.Contains(steps, s => s.GetProperty("action").GetString() == "bind" &&
                                        s.GetProperty("target").GetString() == "/etc/statetab" &&
                                        s.GetProperty("source").GetString() == "/var/lib/stateless/state/etc/statetab");
            Assert.DoesNotContain(steps, s => s.GetProperty("target").GetString() == "/var/lib/absent");
            // The plan names the image the operator gave, not the temporary place it was mounted.
            var volume = Assert.Single(json.RootElement.GetProperty("volumes").EnumerateArray());
            Assert.Equal(Path.GetFullPath(image), volume.GetProperty("device").GetString());
            Assert.Equal("ext4 image", volume.GetProperty("type").GetString());
            Assert.Equal(imageBefore, Shell.Check("md5sum", image).Stdout);
            Assert.Equal("", Shell.Run("losetup", ["-j", image]).Stdout);
            Assert.DoesNotContain("personality-dry-run-", File.ReadAllText("/proc/self/mountinfo"));
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public void ConfigVolumeDirectoryIsPlannedItemByItemWithManifestOrigins()
    {
        using var tree = GuestTree.Create("dry-app");
        tree.AddDir("/var/lib/personality/app").AddDir("/var/lib/web").AddDir("/etc/web");
        tree.AddFile("/etc/passwd", "root:x:0:0::/root:/bin/sh\napache:x:48:4848::/:/sbin/nologin\n");
        tree.AddFile("/etc/group", "root:x:0:\napache:x:4848:\n");
        tree.AddFile("/etc/rc.d/init.d/httpd", "#!/bin/sh\n# chkconfig: 2345 85 15\n# description: web\n", mode: "755");
        foreach (var level in Enumerable.Range(0, 7)) tree.AddDir($"/etc/rc.d/rc{level}.d");
        using var app = new TempDir("dry-app-volume");
        Directory.CreateDirectory(Path.Combine(app.Path, "files"));
        File.WriteAllText(Path.Combine(app.Path, "files/app.conf"), "conf\n");
        File.WriteAllText(Path.Combine(app.Path, "personality.yaml"),
            "version: 1\nrole: app\npersonality: web\nstate: [/var/lib/web]\nfiles:\n  - path: /etc/web/app.conf\n" +
            "    source: files/app.conf\n    owner: root:apache\nservices:\n  on: [httpd]\n  off: [nosuch]\n");
        var volumeBefore = TreeSnapshot.OfHost(app.Path);
        var treeBefore = TreeSnapshot.OfHost(tree.Root);

        var r = DryRun("--root", tree.Root, "--volume", $"PERS_APP={app.Path}");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("plan for " + tree.Root + " (personality web)", r.Stdout);
        Assert.Contains("bind /var/lib/personality/app/state/var/lib/web -> /var/lib/web (slave)  [PERS_APP:personality.yaml:4:9]", r.Stdout);
        Assert.Contains("file-copy /var/lib/personality/app/files/app.conf -> /etc/web/app.conf owner 0:4848  [PERS_APP:personality.yaml:6:5]", r.Stdout);
        Assert.Contains("service-on httpd levels 2345 (native, current) (chkconfig rules of current, chkconfig 1.33 (from default); " +
                        "would have created /etc/rc.d/rc2.d/S85httpd; ", r.Stdout);
        Assert.Contains("would have created /etc/rc.d/rc5.d/S85httpd)  [PERS_APP:personality.yaml:10:8]", r.Stdout);
        Assert.Contains("PERS_APP:personality.yaml:11:9: service nosuch does not exist in the image", r.Stdout);
        Assert.Equal("", TreeSnapshot.Diff(volumeBefore.Nodes, TreeSnapshot.OfHost(app.Path).Nodes, _ => false));
        Assert.Equal("", TreeSnapshot.Diff(treeBefore.Nodes, TreeSnapshot.OfHost(tree.Root).Nodes, _ => false));
    }

    [Fact]
    public void ServicesArePredictedWithTheImagesOwnChkconfig()
    {
        using var tree = GuestTree.Create("dry-el5");
        tree.AddDir("/var/lib/personality/app").AddFile("/etc/redhat-release", "CentOS release 5.11 (Final)\n");
        // CentOS 5's chkconfig refuses a script without a description; later ones link it.
        tree.AddFile("/etc/rc.d/init.d/nodesc", "#!/bin/sh\n# chkconfig: 345 20 80\n", mode: "755");
        foreach (var level in Enumerable.Range(0, 7)) tree.AddDir($"/etc/rc.d/rc{level}.d");
        using var app = new TempDir("dry-el5-volume");
        File.WriteAllText(Path.Combine(app.Path, "personality.yaml"), "version: 1\nrole: app\npersonality: old\nservices:\n  on: [nodesc]\n  levels: \"3\"\n");

        var el5 = DryRun("--root", tree.Root, "--volume", $"PERS_APP={app.Path}");
        Assert.True(el5.ExitCode == 0, el5.ToString());
        Assert.Contains("service-on nodesc levels 3 (native, el5) (chkconfig rules of el5, chkconfig 1.3.30.2 " +
                        "(from /etc/redhat-release: CentOS release 5.11 (Final)); would fail: service nodesc does not support chkconfig)", el5.Stdout);

        tree.AddFile("/etc/sysconfig/personality", "CHKCONFIG_COMPAT=current\n");
        var current = DryRun("--root", tree.Root, "--volume", $"PERS_APP={app.Path}");
        Assert.True(current.ExitCode == 0, current.ToString());
        Assert.Contains("service-on nodesc levels 3 (native, current) (chkconfig rules of current, chkconfig 1.33 " +
                        "(from CHKCONFIG_COMPAT in /etc/sysconfig/personality:1); would have created /etc/rc.d/rc3.d/S20nodesc)", current.Stdout);
        Assert.False(File.Exists(tree.HostPath("/etc/rc.d/rc3.d/S20nodesc")));
    }

    [Fact]
    public void JsonIsVersionedAndEveryStepIsPlannedOrSaysWhyNot()
    {
        using var tree = StockTree(Labels.Unique());
        var r = DryRun("--root", tree.Root, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("dry-run", json.RootElement.GetProperty("command").GetString());
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["planned", "skipped"], steps.Select(s => s.GetProperty("result").GetString()).Distinct().Order().ToList());
        // No state volume was given: the statetab is the one skip, and it says why.
        var skipped = Assert.Single(steps, s => s.GetProperty("result").GetString() == "skipped");
        Assert.Equal("/etc/statetab", skipped.GetProperty("target").GetString());
        Assert.Contains("no state volume", skipped.GetProperty("detail").GetString());
    }

    [Fact]
    public void PlanTimeErrorsExitOne()
    {
        var missing = Labels.Unique();
        using var tree = StockTree(Labels.Unique());
        tree.WriteSysconfig("personality", ("REQUIRED_LABELS", missing));
        var r = DryRun("--root", tree.Root);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"label {missing} is required but no --volume {missing}=PATH was given", r.Stdout);
    }

    [Fact]
    public void ImageWithoutRootIsAClearUsageError()
    {
        using var dir = new TempDir("dry-user");
        var image = Path.Combine(dir.Path, "v.img");
        File.WriteAllBytes(image, new byte[4096]);
        Shell.Check("chmod", "-R", "a+rX", dir.Path);
        var r = Shell.Run("setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups", RepoPaths.Binary, "dry-run", "--root", dir.Path, "--volume", $"X={image}"]);
        Assert.Equal(64, r.ExitCode);
        Assert.Contains("is an image file: loop-mounting it read-only needs root", r.Stderr);
    }

    [Theory]
    [InlineData("--volume", "nolabel")]
    [InlineData("--volume", "L=/does/not/exist")]
    [InlineData("--bogus")]
    public void UsageErrorsExit64(params string[] args)
    {
        var r = DryRun(args);
        Assert.Equal(64, r.ExitCode);
        Assert.StartsWith("personality dry-run: ", r.Stderr);
    }
}
