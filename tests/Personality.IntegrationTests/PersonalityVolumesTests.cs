using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>
/// The host and app config volumes (HOST_LABEL, APP_LABEL): found by label, mounted nosuid,nodev, and
/// their manifests applied: hostname, state, files (copy and bind), mounts, services; idempotent.
/// </summary>
[Collection("root")]
public sealed class PersonalityVolumesTests(ITestOutputHelper output)
{
    private static string HostManifest(string hostname) => $"""
        version: 1
        role: host
        hostname: {hostname}
        files:
          - path: /etc/resolv.conf
            source: files/resolv.conf
            mode: "0644"

        """;

    [Fact]
    public void BothVolumesAreMountedNosuidNodevAndEveryItemIsAppliedThenASecondBootChangesNothing()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        var webLabel = ConfigLabels.Other();
        using var tree = GuestTree.Create("pers-all");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        tree.AddFile("/etc/resolv.conf", "nameserver 192.0.2.1\n");
        tree.AddDir("/etc/web").AddFile("/etc/web/bound.conf", "original bound\n");
        tree.Seed("/var/lib/web", isDirectory: true);
        tree.AddDir("/opt/web");

        using var host = new ConfigVolume(hostLabel).Manifest(HostManifest("web01"))
            .File("files/resolv.conf", "nameserver 198.51.100.7\n").Attach();
        using var app = new ConfigVolume(appLabel).Manifest($"""
            version: 1
            role: app
            personality: web
            state: [/var/lib/web]
            files:
              - path: /etc/web/app.conf
                source: files/app.conf
                mode: "0640"
                owner: daemon:apache
              - path: /etc/web/bound.conf
                source: files/bound.conf
                how: bind
            mounts:
              - label: {webLabel}
                path: /opt/web
                options: [ro, nodev, nosuid]
            services:
              on: [httpd]

            """)
            .File("files/app.conf", "app config\n", "600")
            .File("files/bound.conf", "bound from the volume\n")
            .Attach();
        using var webContent = new TempDir("webapp");
        File.WriteAllText(Path.Combine(webContent.Path, "index.html"), "the web application\n");
        using var webapp = LoopVolume.Create(FsType.Ext4, webLabel, populateFrom: webContent.Path);

        var obs = PersonalityGuest.RunWithUts(tree, """
            boot 1 ''
            note hostname "$(hostname)"
            note opt "$(cat "$ROOT/opt/web/index.html")"
            note bound "$(cat "$ROOT/etc/web/bound.conf")"
            snapshot_tree "$ROOT/etc/rc.d" rc1
            echo written-through-the-bind > "$ROOT/var/lib/web/new.txt"
            boot 2 ''
            snapshot_tree "$ROOT/etc/rc.d" rc2
            """);

        var boot1 = obs.Boot(1);
        var status = Expect.Booted(boot1, tree);
        Expect.Result("applied", boot1);
        Expect.NoDiagnostics(boot1);
        Expect.True(PersonalityGuest.PersonalityName(status) == "web", $"top-level personality is '{PersonalityGuest.PersonalityName(status)}', expected 'web'", boot1);

        // volumes: both config volumes mounted at their mount points, nosuid and nodev.
        foreach (var (vol, mount) in new[] { (host, PersonalityGuest.HostMount), (app, PersonalityGuest.AppMount) })
        {
            var m = Expect.MountAt(boot1, tree, mount);
            Expect.True(m.Source == vol.Device && m.FsType == "ext4" && m.Root == "/", $"{mount} should be {vol} itself, got {m}", boot1);
            var opts = m.Options.Split(',');
            Expect.True(opts.Contains("nosuid") && opts.Contains("nodev"), $"{mount} is not mounted nosuid,nodev: {m}", boot1);
            var step = status.Steps.Where(s => s.Stage == "volumes" && s.Action == "mount"
                                               && (s.Target == mount || s.Target == vol.Label || (s.Source ?? "").Contains(vol.Device))).ToList();
            Expect.True(step.Count == 1 && step[0].Result == "applied", $"expected one applied [volumes] mount step for {vol}, got:\n  {string.Join("\n  ", step)}", boot1);
            Expect.True(status.Volumes.Any(v => v.Label == vol.Label && v.Device == vol.Device), $"status volumes do not list {vol}", boot1);
        }

        // hostname, applied in the private UTS namespace.
        var hn = PersonalityGuest.StageStep(boot1, "hostname", "hostname", "web01");
        Expect.True(hn.Result == "applied", $"hostname step: {hn}", boot1);
        Expect.True(hn.Origin?.StartsWith(host.OriginOfLine("hostname:"), StringComparison.Ordinal) == true, $"hostname origin '{hn.Origin}'", boot1);
        Assert.Equal("web01", obs.Note("hostname"));

        // state: copied to the volume under state/, bound over the path; the tree itself untouched.
        Expect.Step(boot1, "/var/lib/web", "copy", "applied", app.OriginFile, app.Line("state:"));
        var stateBind = Expect.Step(boot1, "/var/lib/web", "bind", "applied", app.OriginFile, app.Line("state:"));
        Expect.True(stateBind.Stage == "state", $"state bind is in stage '{stateBind.Stage}'", boot1);
        var sm = Expect.MountAt(boot1, tree, "/var/lib/web");
        Expect.True(sm.Source == app.Device && sm.Root == "/state/var/lib/web", $"/var/lib/web should be bound from {app.Device}:/state/var/lib/web, got {sm}", boot1);

        // files: an atomic copy with mode and an owner resolved from the tree's passwd/group; a bind.
        var copy = Expect.Step(boot1, "/etc/web/app.conf", "file-copy", "applied", app.OriginFile, app.Line("- path: /etc/web/app.conf"));
        Expect.True(copy.Stage == "files", $"file copy in stage '{copy.Stage}'", boot1);
        Assert.Equal("app config\n", File.ReadAllText(tree.HostPath("/etc/web/app.conf")));
        Assert.Equal($"{PersonalityGuest.DaemonUid}:{PersonalityGuest.ApacheGid} 640", PersonalityGuest.OwnerAndMode(tree.HostPath("/etc/web/app.conf")));
        Assert.DoesNotContain(Directory.GetFiles(tree.HostPath("/etc/web")).Select(Path.GetFileName), f => f is not ("app.conf" or "bound.conf"));
        Expect.Step(boot1, "/etc/web/bound.conf", "file-bind", "applied", app.OriginFile, app.Line("- path: /etc/web/bound.conf"));
        var bm = Expect.MountAt(boot1, tree, "/etc/web/bound.conf");
        Expect.True(bm.Source == app.Device && bm.Root == "/files/bound.conf", $"bound.conf should be bound from {app.Device}:/files/bound.conf, got {bm}", boot1);
        Assert.Equal("bound from the volume", obs.Note("bound"));
        Assert.Equal("original bound\n", File.ReadAllText(tree.HostPath("/etc/web/bound.conf")));
        Expect.Step(boot1, "/etc/resolv.conf", "file-copy", "applied", host.OriginFile, host.Line("- path: /etc/resolv.conf"));
        Assert.Equal("nameserver 198.51.100.7\n", File.ReadAllText(tree.HostPath("/etc/resolv.conf")));

        // mounts: the other volume by label, with the options asked for.
        var mountStep = status.Steps.FirstOrDefault(s => s.Stage == "mounts" && s.Target == "/opt/web");
        Expect.True(mountStep is { Result: "applied" }, $"[mounts] /opt/web step: {mountStep}", boot1);
        var om = Expect.MountAt(boot1, tree, "/opt/web");
        var oo = om.Options.Split(',');
        Expect.True(om.Source == webapp.Device && oo.Contains("ro") && oo.Contains("nodev") && oo.Contains("nosuid"),
            $"/opt/web should be {webapp.Device} ro,nodev,nosuid, got {om}", boot1);
        Assert.Equal("the web application", obs.Note("opt"));

        // services: httpd on in 2345 (the default levels).
        var on = PersonalityGuest.StageStep(boot1, "services", "service-on", "httpd");
        Expect.True(on.Result == "applied", $"service-on httpd: {on}", boot1);
        var links1 = InitScripts.LinksOf(obs.Tree("rc1"), "httpd");
        Expect.True(links1.SetEquals(InitScripts.Expected("httpd", "2345", 85, 15)), $"httpd links after boot: {InitScripts.Show(links1)}", boot1);

        // Second boot in the same namespace: nothing to do, nothing stacked.
        var boot2 = obs.Boot(2);
        var s2 = Expect.Booted(boot2, tree);
        Expect.Result("applied", boot2);
        Expect.NoDiagnostics(boot2);
        Expect.True(s2.Steps.Count(s => s.Stage is "volumes" or "hostname" or "state" or "files" or "mounts" or "services") >= 9,
            "second boot recorded too few personality steps", boot2);
        var changed = s2.Steps.Where(s => s.Result != "unchanged").ToList();
        Expect.True(changed.Count == 0, "second boot did something:\n  " + string.Join("\n  ", changed), boot2);
        var before = MountInfo.Below(boot1.Mounts, tree.Root).Select(m => $"{m.Id} {m}").ToList();
        var after = MountInfo.Below(boot2.Mounts, tree.Root).Select(m => $"{m.Id} {m}").ToList();
        Expect.True(before.SequenceEqual(after), $"mounts below the tree changed:\n- {string.Join("\n- ", before)}\n+ {string.Join("\n+ ", after)}", boot2);
        Assert.Equal(InitScripts.Links(obs.Tree("rc1")), InitScripts.Links(obs.Tree("rc2")));

        // After both namespaces are gone: the write went to the volume, not to the tree.
        Assert.Equal("written-through-the-bind\n", app.Volume.ReadFile("state/var/lib/web/new.txt"));
        Assert.Equal("seed of /var/lib/web\n", app.Volume.ReadFile("state/var/lib/web/seed.txt"));
        Assert.False(File.Exists(tree.HostPath("/var/lib/web/new.txt")), "the write through the bind reached the tree");
    }

    [Fact]
    public void StatePersistsOnTheAppVolumeAcrossBootsAndIsCopiedOnlyOnce()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("pers-state");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        tree.Seed("/var/lib/db", isDirectory: true);
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: db
            state:
              - /var/lib/db

            """).Attach();

        var first = PersonalityGuest.RunWithUts(tree, "boot 1 ''\necho changed > \"$ROOT/var/lib/db/seed.txt\"");
        var boot1 = first.Boot(1);
        Expect.Booted(boot1, tree);
        Expect.Step(boot1, "/var/lib/db", "copy", "applied", app.OriginFile, app.Line("- /var/lib/db"));
        Expect.Step(boot1, "/var/lib/db", "bind", "applied", app.OriginFile, app.Line("- /var/lib/db"));
        Assert.Equal("inner of /var/lib/db\n", app.Volume.ReadFile("state/var/lib/db/sub/inner.txt"));
        Assert.Equal("changed\n", app.Volume.ReadFile("state/var/lib/db/seed.txt"));
        Assert.Equal("seed of /var/lib/db\n", File.ReadAllText(tree.HostPath("/var/lib/db/seed.txt")));

        var second = PersonalityGuest.RunWithUts(tree, "boot 1 ''\nnote seed \"$(cat \"$ROOT/var/lib/db/seed.txt\")\"");
        var boot2 = second.Boot(1);
        Expect.Booted(boot2, tree);
        Assert.Equal("changed", second.Note("seed"));
        var copies = boot2.Status.Steps.Where(s => s.Stage == "state" && s.Action == "copy" && s.Result == "applied").ToList();
        Expect.True(copies.Count == 0, "second boot copied the state again:\n  " + string.Join("\n  ", copies), boot2);
        Expect.Step(boot2, "/var/lib/db", "bind", "applied", app.OriginFile, app.Line("- /var/lib/db"));
        Expect.True(PersonalityGuest.PersonalityName(boot2.Status) == "db", "personality should be db", boot2);
    }

    [Fact]
    public void HostnameIsLeftAloneWithoutAPrivateUtsNamespace()
    {
        var hostLabel = ConfigLabels.Host();
        using var tree = GuestTree.Create("pers-uts");
        PersonalityGuest.Prepare(tree, hostLabel, ConfigLabels.App());
        tree.AddFile("/etc/resolv.conf", "nameserver 192.0.2.1\n");
        var wanted = "guest-" + hostLabel;
        using var host = new ConfigVolume(hostLabel).Manifest(HostManifest(wanted))
            .File("files/resolv.conf", "nameserver 198.51.100.7\n").Attach();
        var machineBefore = Shell.Check("hostname").Stdout.Trim();

        var obs = tree.Run("boot 1 ''\nnote hostname \"$(hostname)\""); // unshare -m only: the machine's UTS namespace
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        var machineAfter = Shell.Check("hostname").Stdout.Trim();
        if (machineAfter != machineBefore)
            Shell.Run("hostname", [machineBefore]); // a broken binary renamed the machine: put its name back, then fail
        Assert.Equal(machineBefore, machineAfter);
        Assert.Equal(machineBefore, obs.Note("hostname"));
        var steps = boot.Status.Steps.Where(s => s.Action == "hostname").ToList();
        Expect.True(steps.Count == 1 && steps[0].Target == wanted && steps[0].Result != "applied",
            $"expected one hostname step for {wanted} that is not applied, got:\n  {string.Join("\n  ", steps)}", boot);
        output.WriteLine($"hostname step without a private UTS namespace: {steps[0]}");
        // The rest of the host manifest is still applied.
        Expect.Step(boot, "/etc/resolv.conf", "file-copy", "applied", host.OriginFile, host.Line("- path: /etc/resolv.conf"));
    }

    [Fact]
    public void TwoGuestsBootOneReadOnlyTreeWithDifferentAppVolumes()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("pers-two");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique()); // no such devices: tmpfs scratch, no state volume
        tree.WriteRwtab("empty /tmp\n");
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        InitScripts.AddChkconfig(tree, "mysqld", "-", 64, 36);
        var rcBefore = TreeSnapshot.OfHost(tree.HostPath("/etc/rc.d"));

        // Each guest: its own namespace, the shared tree's rc.d read-only, its own app volume under APP_LABEL.
        const string guest = """
            mount --bind "$ROOT/etc/rc.d" "$ROOT/etc/rc.d" && mount -o remount,bind,ro "$ROOT/etc/rc.d" || { note setup failed; exit 1; }
            boot 1 ''
            snapshot_tree "$ROOT/etc/rc.d" rc
            """;
        Observations web, db;
        using (var webVolume = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: web\nservices:\n  on: [httpd]\n").Attach())
            web = PersonalityGuest.RunWithUts(tree, guest);
        using (var dbVolume = new ConfigVolume(appLabel).Manifest("version: 1\nrole: app\npersonality: db\nservices:\n  on: [mysqld]\n").Attach())
            db = PersonalityGuest.RunWithUts(tree, guest);

        foreach (var (obs, name, onService, onStart, onStop, offService, offStart, offStop) in new[]
                 {
                     (web, "web", "httpd", 85, 15, "mysqld", 64, 36),
                     (db, "db", "mysqld", 64, 36, "httpd", 85, 15),
                 })
        {
            var boot = obs.Boot(1);
            var status = Expect.Booted(boot, tree);
            Expect.True(PersonalityGuest.PersonalityName(status) == name, $"guest {name}: personality '{PersonalityGuest.PersonalityName(status)}'", boot);
            var step = PersonalityGuest.StageStep(boot, "services", "service-on", onService);
            Expect.True(step.Result == "applied", $"guest {name}: {step}", boot);
            var rc = obs.Tree("rc");
            var onLinks = InitScripts.LinksOf(rc, onService);
            var offLinks = InitScripts.LinksOf(rc, offService);
            Expect.True(onLinks.SetEquals(InitScripts.Expected(onService, "2345", onStart, onStop)), $"guest {name}: {onService} links {InitScripts.Show(onLinks)}", boot);
            Expect.True(offLinks.SetEquals(InitScripts.Expected(offService, "", offStart, offStop)), $"guest {name}: {offService} links {InitScripts.Show(offLinks)}", boot);
        }
        // The shared tree itself never changed.
        Assert.Equal("", TreeSnapshot.Diff(rcBefore.Nodes, TreeSnapshot.OfHost(tree.HostPath("/etc/rc.d")).Nodes, _ => false));
    }
}
