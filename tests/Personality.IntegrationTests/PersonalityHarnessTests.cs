using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// The harness of the personality tests checked without the binary: config volumes, init script layouts,
/// the UTS namespace wrapper and chrooted busybox hooks work as the scenario tests assume.
/// </summary>
[Collection("root")]
public sealed class PersonalityHarnessTests
{
    [Fact]
    public void ConfigVolumeHasItsLabelManifestModesOwnersAndSymlinksAndIsReleased()
    {
        var label = ConfigLabels.App();
        Assert.Matches("^pa[0-9a-f]{6}$", label);
        string device;
        using (var v = new ConfigVolume(label))
        {
            v.Manifest("version: 1\nrole: app\nfiles:\n  - path: /etc/x\n    source: files/x\n")
                .File("files/x", "x\n", "640", PersonalityGuest.DaemonUid, PersonalityGuest.ApacheGid)
                .Symlink("files/out", "/etc/shadow")
                .Hook("hooks/a.sh", "echo a", executable: false)
                .Attach();
            device = v.Device;
            Assert.Equal(4, v.Line("- path: /etc/x"));
            Assert.Equal(3, v.Column("- path: /etc/x"));
            Assert.Equal($"{label}:personality.yaml:4:3", v.OriginAt("- path: /etc/x"));
            Assert.True(v.IsManifestOrigin($"{label}:personality.yaml:12:5"));
            Assert.False(v.IsManifestOrigin($"{label}:personality.yaml:12"));
            Assert.Contains($"LABEL={label}\n", Shell.Run("blkid", ["-p", "-o", "export", v.Device]).Stdout);
            var listing = v.Volume.WithMounted(readOnly: true, "cd \"$MNT\" && stat -c '%n %u:%g %a %F' personality.yaml files/x hooks/a.sh && readlink files/out && test -d state && echo state-dir");
            Assert.Contains($"files/x {PersonalityGuest.DaemonUid}:{PersonalityGuest.ApacheGid} 640 regular file", listing);
            Assert.Contains("hooks/a.sh 0:0 644 regular file", listing);
            Assert.Contains("/etc/shadow\n", listing);
            Assert.Contains("state-dir", listing);
            Assert.Equal("#!/bin/sh\necho a\n", v.Volume.ReadFile("hooks/a.sh"));
        }
        var backing = $"/sys/class/block/{Path.GetFileName(device)}/loop/backing_file";
        Assert.True(!File.Exists(backing) || !File.ReadAllText(backing).Contains(label), $"{device} still attached");
    }

    [Fact]
    public void InitScriptLinksAreWhatChkconfigAddMakes()
    {
        using var tree = GuestTree.Create("initscripts");
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        InitScripts.AddChkconfig(tree, "cups", "2345", 56, 10);
        InitScripts.AddLsb(tree, "memcached", "", "0 1 2 3 4 5 6");
        InitScripts.AddLsb(tree, "redis", "2 3 4 5", "0 1 6");
        var snap = TreeSnapshot.OfHost(tree.HostPath("/etc/rc.d"));

        Assert.Equal(["rc0.d/K15httpd", "rc1.d/K15httpd", "rc2.d/K15httpd", "rc3.d/K15httpd", "rc4.d/K15httpd", "rc5.d/K15httpd", "rc6.d/K15httpd"],
            InitScripts.LinksOf(snap, "httpd"));
        Assert.Equal(["rc0.d/K10cups", "rc1.d/K10cups", "rc2.d/S56cups", "rc3.d/S56cups", "rc4.d/S56cups", "rc5.d/S56cups", "rc6.d/K10cups"],
            InitScripts.LinksOf(snap, "cups"));
        Assert.Equal(InitScripts.Expected("cups", "2345", 56, 10), InitScripts.LinksOf(snap, "cups"));
        Assert.Equal(InitScripts.Expected("memcached", "", 50, 50), InitScripts.LinksOf(snap, "memcached"));
        Assert.Equal(InitScripts.Expected("redis", "2345", 50, 50), InitScripts.LinksOf(snap, "redis"));
        Assert.Contains("rc3.d/S56cups -> ../init.d/cups", InitScripts.Links(snap));
        Assert.Equal(28, InitScripts.Links(snap).Count);
        var script = File.ReadAllText(tree.HostPath("/etc/rc.d/init.d/cups"));
        Assert.Contains("\n# chkconfig: 2345 56 10\n# description: ", script);
        Assert.Contains("\n# Default-Start:\n# Default-Stop: 0 1 2 3 4 5 6\n", File.ReadAllText(tree.HostPath("/etc/rc.d/init.d/memcached")));
    }

    [Fact]
    public void UtsWrapperGivesAPrivateHostnameAndBusyboxHooksRunChrootedFromANosuidVolume()
    {
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("uts-chroot");
        PersonalityGuest.Prepare(tree, ConfigLabels.Host(), appLabel);
        PersonalityGuest.InstallShell(tree);
        tree.AddFile("/etc/tree-id", "tree " + appLabel + "\n");
        using var app = new ConfigVolume(appLabel).Manifest("version: 1\n")
            .Hook("hooks/h.sh", "echo \"$(cat /etc/tree-id) $PERSONALITY_ROLE\"\nsleep 0\necho ran > /tmp/h-ran").Attach();
        var machine = Shell.Check("hostname").Stdout.Trim();

        var obs = PersonalityGuest.RunWithUts(tree, $"""
            mount -o nosuid,nodev "{app.Device}" "$ROOT{PersonalityGuest.AppMount}"
            hostname harness-uts
            note host "$(hostname)"
            note hook "$(PERSONALITY_ROLE=app chroot "$ROOT" {PersonalityGuest.AppMount}/hooks/h.sh)"
            """);

        Assert.True(obs.Process.ExitCode == 0, obs.Describe());
        Assert.Equal("harness-uts", obs.Note("host"));
        Assert.Equal($"tree {appLabel} app", obs.Note("hook"));
        Assert.True(File.Exists(tree.HostPath("/tmp/h-ran")));
        Assert.Equal(machine, Shell.Check("hostname").Stdout.Trim());
    }
}
