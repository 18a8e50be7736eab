using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>
/// services: on/off/levels from the app manifest, applied by the native chkconfig engine
/// (SERVICES_BACKEND=native) to the tree's link farm exactly as chkconfig would; idempotent; a read-only
/// rc.d is made writable first.
/// </summary>
[Collection("root")]
public sealed class ServiceToggleTests(ITestOutputHelper output)
{
    /// <summary>
    /// An image's services after `chkconfig --add`: httpd off (header "-"), cups on in 2345, network on in
    /// 2345, memcached an LSB script off by default (Default-Start empty).
    /// </summary>
    private static GuestTree ServiceTree(string name, string hostLabel, string appLabel)
    {
        var tree = GuestTree.Create(name);
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        InitScripts.AddChkconfig(tree, "cups", "2345", 56, 10);
        InitScripts.AddChkconfig(tree, "network", "2345", 10, 90);
        InitScripts.AddLsb(tree, "memcached", "", "0 1 2 3 4 5 6");
        return tree;
    }

    private static string AppManifest(string services) => "version: 1\nrole: app\npersonality: web\nservices:\n" + services;

    [Fact]
    public void OnAndOffAtLevels345MakeExactlyChkconfigsLinksAndASecondBootIsUnchanged()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = ServiceTree("svc-345", hostLabel, appLabel);
        var before = InitScripts.Links(TreeSnapshot.OfHost(tree.HostPath("/etc/rc.d")));
        using var app = new ConfigVolume(appLabel).Manifest(AppManifest("  on: [httpd, memcached]\n  off: [cups]\n  levels: \"345\"\n")).Attach();

        var obs = tree.Run("""
            boot 1 ''
            snapshot_tree "$ROOT/etc/rc.d" rc1
            boot 2 ''
            snapshot_tree "$ROOT/etc/rc.d" rc2
            """);
        var boot1 = obs.Boot(1);
        Expect.Booted(boot1, tree);
        Expect.Result("applied", boot1);
        Expect.NoDiagnostics(boot1);
        var rc1 = obs.Tree("rc1");

        // httpd on in 345: S85 there, its K15 links stay in 0 1 2 6.
        var httpd = InitScripts.LinksOf(rc1, "httpd");
        Expect.True(httpd.SetEquals(InitScripts.Expected("httpd", "345", 85, 15)), $"httpd links {InitScripts.Show(httpd)}", boot1);
        // cups off in 345: K10 there; S56 stays in 2 (not in the levels), K10 in 0 1 6 as before.
        var cups = InitScripts.LinksOf(rc1, "cups");
        Expect.True(cups.SetEquals(InitScripts.Expected("cups", "2", 56, 10)), $"cups links {InitScripts.Show(cups)}", boot1);
        // An LSB script without dependencies: S50/K50.
        var memcached = InitScripts.LinksOf(rc1, "memcached");
        Expect.True(memcached.SetEquals(InitScripts.Expected("memcached", "345", 50, 50)), $"memcached links {InitScripts.Show(memcached)}", boot1);
        // Nothing else changed, every link points to ../init.d/NAME.
        var expectedAll = new SortedSet<string>(before.Where(l => !l.Contains("httpd") && !l.Contains("cups") && !l.Contains("memcached")), StringComparer.Ordinal);
        foreach (var (svc, set) in new[] { ("httpd", httpd), ("cups", cups), ("memcached", memcached) })
            foreach (var l in set)
                expectedAll.Add($"{l} -> ../init.d/{svc}");
        var all = InitScripts.Links(rc1);
        Expect.True(all.SetEquals(expectedAll),
            $"link farm differs:\n+ {string.Join("\n+ ", all.Except(expectedAll))}\n- {string.Join("\n- ", expectedAll.Except(all))}", boot1);

        // The steps: stage services, origin the services line, detail listing the links made and removed.
        var on = Expect.Step(boot1, "httpd", "service-on", "applied", app.OriginFile, app.Line("on: [httpd"));
        Expect.True(on.Stage == "services", $"stage '{on.Stage}'", boot1);
        Expect.True((on.Detail ?? "").Contains("S85httpd") && (on.Detail ?? "").Contains("K15httpd"),
            $"service-on httpd detail should list rcN.d/S85httpd made and rcN.d/K15httpd removed: '{on.Detail}'", boot1);
        var off = Expect.Step(boot1, "cups", "service-off", "applied", app.OriginFile, app.Line("off: [cups"));
        Expect.True((off.Detail ?? "").Contains("K10cups") && (off.Detail ?? "").Contains("S56cups"),
            $"service-off cups detail should list rcN.d/K10cups made and rcN.d/S56cups removed: '{off.Detail}'", boot1);
        Expect.Step(boot1, "memcached", "service-on", "applied", app.OriginFile, app.Line("on: [httpd"));

        // Second boot in the same namespace: every service step unchanged, the link farm identical.
        var boot2 = obs.Boot(2);
        var s2 = Expect.Booted(boot2, tree);
        var svcSteps = s2.Steps.Where(s => s.Stage == "services").ToList();
        Expect.True(svcSteps.Count(s => s.Action is "service-on" or "service-off") == 3,
            "second boot should have the three service steps:\n  " + string.Join("\n  ", svcSteps), boot2);
        Expect.True(svcSteps.All(s => s.Result == "unchanged"), "second boot changed services:\n  " + string.Join("\n  ", svcSteps), boot2);
        Assert.Equal(InitScripts.Links(rc1), InitScripts.Links(obs.Tree("rc2")));
        Assert.Equal("", TreeSnapshot.Diff(rc1.Nodes, obs.Tree("rc2").Nodes, _ => false));
    }

    [Fact]
    public void WithoutLevelsOnAndOffUse2345()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = ServiceTree("svc-2345", hostLabel, appLabel);
        using var app = new ConfigVolume(appLabel).Manifest(AppManifest("  on: [httpd]\n  off: [cups]\n")).Attach();

        var obs = tree.Run("boot 1 ''\nsnapshot_tree \"$ROOT/etc/rc.d\" rc");
        var boot = obs.Boot(1);
        Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        var rc = obs.Tree("rc");
        var httpd = InitScripts.LinksOf(rc, "httpd");
        Expect.True(httpd.SetEquals(InitScripts.Expected("httpd", "2345", 85, 15)), $"httpd links {InitScripts.Show(httpd)}", boot);
        var cups = InitScripts.LinksOf(rc, "cups");
        Expect.True(cups.SetEquals(InitScripts.Expected("cups", "", 56, 10)), $"cups links {InitScripts.Show(cups)}", boot);
        var network = InitScripts.LinksOf(rc, "network");
        Expect.True(network.SetEquals(InitScripts.Expected("network", "2345", 10, 90)), $"network links {InitScripts.Show(network)}", boot);
    }

    [Fact]
    public void ReadOnlyRcDirectoriesAreMadeWritableFirstAndTheOriginalStaysUnchanged()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = ServiceTree("svc-ro", hostLabel, appLabel);
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique()); // scratch area: tmpfs at RW_MOUNT
        tree.WriteRwtab("empty /tmp\n");
        var original = TreeSnapshot.OfHost(tree.HostPath("/etc/rc.d"));
        using var app = new ConfigVolume(appLabel).Manifest(AppManifest("  on: [httpd]\n  off: [cups]\n  levels: \"345\"\n")).Attach();

        var obs = tree.Run("""
            mount --bind "$ROOT/etc/rc.d" "$ROOT/etc/rc.d" && mount -o remount,bind,ro "$ROOT/etc/rc.d" || { echo "read-only bind failed" >&2; exit 1; }
            touch "$ROOT/etc/rc.d/rc3.d/probe" 2>/dev/null && { echo "rc.d is still writable" >&2; exit 1; }
            boot 1 ''
            snapshot_tree "$ROOT/etc/rc.d" rc
            boot 2 ''
            snapshot_tree "$ROOT/etc/rc.d" rc2
            """);
        Expect.True(obs.Process.ExitCode == 0, "the namespace script failed", obs);
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        // Stage services starts with copy + bind of the rcN.d directories that change (at least 3, 4, 5).
        var stage = status.Steps.Where(s => s.Stage == "services").ToList();
        var firstToggle = stage.FindIndex(s => s.Action is "service-on" or "service-off");
        Expect.True(firstToggle > 0, "stage services has no copy/bind steps before its toggles:\n  " + string.Join("\n  ", stage), boot);
        var prep = stage.Take(firstToggle).ToList();
        Expect.True(prep.All(s => s.Action is "copy" or "bind" && s.Result == "applied"), "before the toggles: only applied copy and bind steps:\n  " + string.Join("\n  ", prep), boot);
        foreach (var level in new[] { 3, 4, 5 })
        {
            var dir = $"/etc/rc.d/rc{level}.d";
            Expect.True(prep.Any(s => s.Action == "copy" && s.Source == dir), $"no copy of {dir} before the toggles", boot);
            Expect.True(prep.Any(s => s.Action == "bind" && s.Target == dir), $"no bind over {dir} before the toggles", boot);
            var m = Expect.MountAt(boot, tree, dir);
            Expect.True(!m.ReadOnly, $"{dir} is still read-only: {m}", boot);
        }
        Expect.True(stage.Skip(firstToggle).All(s => s.Action is "service-on" or "service-off"),
            "copy/bind steps after the first toggle:\n  " + string.Join("\n  ", stage), boot);
        Expect.True(PersonalityGuest.StageStep(boot, "services", "service-on", "httpd").Result == "applied", "httpd not turned on", boot);
        Expect.True(PersonalityGuest.StageStep(boot, "services", "service-off", "cups").Result == "applied", "cups not turned off", boot);

        // The view inside the guest has the toggled links; rc.d itself is still the read-only bind.
        var rc = obs.Tree("rc");
        var httpd = InitScripts.LinksOf(rc, "httpd");
        Expect.True(httpd.SetEquals(InitScripts.Expected("httpd", "345", 85, 15)), $"httpd links {InitScripts.Show(httpd)}", boot);
        var cups = InitScripts.LinksOf(rc, "cups");
        Expect.True(cups.SetEquals(InitScripts.Expected("cups", "2", 56, 10)), $"cups links {InitScripts.Show(cups)}", boot);
        Expect.True(Expect.MountAt(boot, tree, "/etc/rc.d").ReadOnly, "the read-only bind of /etc/rc.d is gone", boot);

        // Second boot: unchanged, no new mounts.
        var boot2 = obs.Boot(2);
        var s2 = Expect.Booted(boot2, tree);
        var changed = s2.Steps.Where(s => s.Stage == "services" && s.Result != "unchanged").ToList();
        Expect.True(changed.Count == 0, "second boot changed services:\n  " + string.Join("\n  ", changed), boot2);
        Assert.Equal(MountInfo.Below(boot.Mounts, tree.Root).Count, MountInfo.Below(boot2.Mounts, tree.Root).Count);
        Assert.Equal(InitScripts.Links(rc), InitScripts.Links(obs.Tree("rc2")));

        // The read-only original underneath is exactly as it was.
        Assert.Equal("", TreeSnapshot.Diff(original.Nodes, TreeSnapshot.OfHost(tree.HostPath("/etc/rc.d")).Nodes, _ => false));
    }

    [Fact]
    public void AServiceThatDoesNotExistIsAnErrorNamingIt()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = ServiceTree("svc-missing", hostLabel, appLabel);
        using var app = new ConfigVolume(appLabel).Manifest(AppManifest("  on: [httpd, nosuchsvc]\n")).Attach();

        var obs = tree.Run("boot 1 ''\nsnapshot_tree \"$ROOT/etc/rc.d\" rc");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        var e = status.Errors.Where(d => PersonalityGuest.Text(d).Contains("nosuchsvc")).ToList();
        Expect.True(e.Count > 0, "no error names nosuchsvc", boot);
        Expect.True(e.Any(d => (d.Origin ?? "").StartsWith(app.OriginOfLine("on: [httpd"), StringComparison.Ordinal)),
            $"the error about nosuchsvc should have origin {app.OriginOfLine("on: [httpd")}COL: {string.Join("; ", e)}", boot);
        Expect.True(status.Steps.All(s => s.Target != "nosuchsvc" || s.Result != "applied"), "nosuchsvc was 'applied'", boot);
        Assert.DoesNotContain(obs.Tree("rc").Nodes.Keys, p => p.Contains("nosuchsvc"));
        // Not in the contract either way: whether the other service of the list is still turned on.
        output.WriteLine($"httpd links with nosuchsvc beside it: {InitScripts.Show(InitScripts.LinksOf(obs.Tree("rc"), "httpd"))}");
    }
}
