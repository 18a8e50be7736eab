using System.Text;
using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>
/// Config volumes are input from outside the image: an alias bomb, a huge manifest, a symlink out of the
/// volume, a missing source. Each is an error; boot stays fast and exits 0; the other volume still applies.
/// </summary>
[Collection("root")]
public sealed class PersonalityBadInputTests(ITestOutputHelper output)
{
    private const string HostManifest = "version: 1\nrole: host\nfiles:\n  - path: /etc/resolv.conf\n    source: files/resolv.conf\n";

    private static (GuestTree Tree, ConfigVolume Host) Guest(string name, string hostLabel, string appLabel)
    {
        var tree = GuestTree.Create(name);
        try
        {
            PersonalityGuest.Prepare(tree, hostLabel, appLabel);
            tree.AddDir("/etc/web");
            tree.AddFile("/etc/resolv.conf", "nameserver 192.0.2.1\n");
            var host = new ConfigVolume(hostLabel).Manifest(HostManifest).File("files/resolv.conf", "nameserver 198.51.100.7\n").Attach();
            return (tree, host);
        }
        catch
        {
            tree.Dispose();
            throw;
        }
    }

    private static void HostStillApplied(BootObservation boot, GuestTree tree, ConfigVolume host)
    {
        Expect.Step(boot, "/etc/resolv.conf", "file-copy", "applied", host.OriginFile, host.Line("- path: /etc/resolv.conf"));
        Assert.Equal("nameserver 198.51.100.7\n", File.ReadAllText(tree.HostPath("/etc/resolv.conf")));
    }

    [Fact]
    public void AYamlAliasBombIsAnErrorAndTheBootStaysFast()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        var (tree, host) = Guest("bad-bomb", hostLabel, appLabel);
        using var _t = tree;
        using var _h = host;
        // Billion laughs: 9 levels of 10 aliases each, 10^9 strings once expanded.
        var yaml = new StringBuilder("version: 1\nrole: app\npersonality: &l0 \"lol\"\nservices:\n  on: [httpd]\n  off:\n");
        yaml.Append("    - &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n");
        for (var i = 2; i <= 9; i++)
            yaml.Append($"    - &l{i} [" + string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10)) + "]\n");
        yaml.Append("files:\n  - path: /etc/web/app.conf\n    source: files/app.conf\n");
        using var app = new ConfigVolume(appLabel).Manifest(yaml.ToString()).File("files/app.conf", "app config\n").Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        Expect.True(boot.WallMs < 2000, $"boot took {boot.WallMs} ms on an alias bomb", boot);
        var errors = status.Errors.Where(e => app.IsManifestOrigin(e.Origin) || (e.Origin ?? "").StartsWith(app.OriginFile, StringComparison.Ordinal)).ToList();
        Expect.True(errors.Count > 0, $"no error from {app.OriginFile}", boot);
        output.WriteLine("alias bomb errors:\n  " + string.Join("\n  ", errors));
        Expect.True(PersonalityGuest.StepsFrom(boot, app).All(s => s.Stage == "volumes"), "steps from the alias bomb manifest", boot);
        Assert.False(File.Exists(tree.HostPath("/etc/web/app.conf")));
        HostStillApplied(boot, tree, host);
    }

    [Fact]
    public void AHundredMegabyteManifestIsRefusedByItsSizeWithoutBeingRead()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        var (tree, host) = Guest("bad-huge", hostLabel, appLabel);
        using var _t = tree;
        using var _h = host;
        using var app = new ConfigVolume(appLabel)
            .Manifest("version: 1\nrole: app\npersonality: web\nfiles:\n  - path: /etc/web/app.conf\n    source: files/app.conf\n")
            .File("files/app.conf", "app config\n")
            .Attach(sizeBytes: 256L << 20);
        const long size = 100L << 20;
        app.Volume.WithMounted(readOnly: false, "truncate -s 100M \"$MNT/personality.yaml\"");
        string SizeAndBlocks() => app.Volume.WithMounted(readOnly: true, "stat -c '%s %b %B' \"$MNT/personality.yaml\"").Trim();
        var before = SizeAndBlocks().Split(' ');
        Assert.Equal(size.ToString(), before[0]);
        Assert.True(long.Parse(before[1]) * long.Parse(before[2]) < 1 << 20, $"the manifest is not sparse on the volume: {string.Join(' ', before)}");

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        Expect.True(boot.WallMs < 2000, $"boot took {boot.WallMs} ms on a 100 MB manifest", boot);
        var errors = status.Errors.Where(e => (e.Origin ?? "").StartsWith(app.OriginFile, StringComparison.Ordinal)).ToList();
        Expect.True(errors.Any(e => PersonalityGuest.Text(e).Contains("limit", StringComparison.OrdinalIgnoreCase)),
            $"no error from {app.OriginFile} names the size limit:\n  {string.Join("\n  ", status.Errors)}", boot);
        Assert.False(File.Exists(tree.HostPath("/etc/web/app.conf")));
        HostStillApplied(boot, tree, host);

        // Still 100 MB and still sparse: nothing filled it in.
        var after = SizeAndBlocks();
        Assert.Equal(string.Join(' ', before), after);
    }

    [Fact]
    public void ASymlinkOutOfTheVolumeAsAFilesSourceIsRefusedAndNothingIsWritten()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        var (tree, host) = Guest("bad-link", hostLabel, appLabel);
        using var _t = tree;
        using var _h = host;
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/web/evil.conf
                source: files/evil
              - path: /etc/web/evil2.conf
                source: files/evil2
              - path: /etc/web/evil3.conf
                source: files/evil3
                how: bind
              - path: /etc/web/via-dir.conf
                source: escape/shadow

            """)
            .Symlink("files/evil", "/etc/shadow")
            .Symlink("files/evil2", "../../../../../../../../etc/shadow")
            .Symlink("files/evil3", "/etc/shadow")
            .Symlink("escape", "/etc")
            .Attach();
        tree.AddFile("/etc/web/evil3.conf", "bind target\n");

        var obs = tree.Run("boot 1 ''\nnote evil3 \"$(cat \"$ROOT/etc/web/evil3.conf\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        foreach (var (needle, target) in new[]
                 {
                     ("- path: /etc/web/evil.conf", "/etc/web/evil.conf"),
                     ("- path: /etc/web/evil2.conf", "/etc/web/evil2.conf"),
                     ("- path: /etc/web/evil3.conf", "/etc/web/evil3.conf"),
                     ("- path: /etc/web/via-dir.conf", "/etc/web/via-dir.conf"),
                 })
        {
            var sourceLine = app.Line(needle) + 1;
            var errs = status.Errors.Where(e => (e.Origin ?? "").StartsWith(app.OriginOfLine(needle), StringComparison.Ordinal)
                                                || (e.Origin ?? "").StartsWith($"{app.OriginFile}:{sourceLine}:", StringComparison.Ordinal)).ToList();
            Expect.True(errs.Any(e => PersonalityGuest.Text(e).Contains("leads outside the volume")),
                $"no error 'leads outside the volume' for {target} at {app.OriginFile}:{app.Line(needle)}-{sourceLine}:\n  {string.Join("\n  ", status.Errors)}", boot);
            Expect.True(!status.Steps.Any(s => s.Target == target && s.Result == "applied"), $"{target} was applied", boot);
        }
        foreach (var f in new[] { "evil.conf", "evil2.conf", "via-dir.conf" })
            Assert.False(File.Exists(tree.HostPath("/etc/web/" + f)), $"/etc/web/{f} was written");
        Assert.Equal("bind target\n", File.ReadAllText(tree.HostPath("/etc/web/evil3.conf")));
        Assert.Equal("bind target", obs.Note("evil3"));
        Expect.NoMountAt(boot, tree, "/etc/web/evil3.conf");
        Assert.DoesNotContain(Directory.GetFiles(tree.HostPath("/etc/web")), f => File.ReadAllText(f).Contains("shadow"));
        HostStillApplied(boot, tree, host);
    }

    [Fact]
    public void AMissingFilesSourceIsAnErrorNamingIt()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        var (tree, host) = Guest("bad-missing", hostLabel, appLabel);
        using var _t = tree;
        using var _h = host;
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/web/app.conf
                source: files/not-there.conf

            """).Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        var named = status.Errors.Where(e => PersonalityGuest.Text(e).Contains("files/not-there.conf")).ToList();
        Expect.True(named.Count > 0, "no error names files/not-there.conf", boot);
        Expect.True(named.Any(e => (e.Origin ?? "").StartsWith(app.OriginFile + ":", StringComparison.Ordinal)),
            $"the error should have an origin in {app.OriginFile}: {string.Join("; ", named)}", boot);
        Expect.True(!status.Steps.Any(s => s.Target == "/etc/web/app.conf" && s.Result == "applied"), "/etc/web/app.conf was applied", boot);
        Assert.False(File.Exists(tree.HostPath("/etc/web/app.conf")));
        HostStillApplied(boot, tree, host);
    }

    [Fact]
    public void AFilesSourceTooLargeToCopyIsAFailedStepAndNothingIsWritten()
    {
        // A copy is read whole into memory, and a guest may have 32 MB: past the bound it is a failed
        // step naming the file and the way out (how: bind), never an allocation of the file's size.
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        var (tree, host) = Guest("bad-large", hostLabel, appLabel);
        using var _t = tree;
        using var _h = host;
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/web/huge.conf
                source: files/huge.conf

            """).File("files/huge.conf", new string('x', 5 * 1024 * 1024)).Attach(16L * 1024 * 1024);

        var boot = tree.Run("boot 1 ''").Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        var step = status.Steps.Single(s => s.Target == "/etc/web/huge.conf");
        Expect.True(step.Result == "failed" && (step.Detail ?? "").Contains("how: bind"), $"huge.conf: {step.Result} {step.Detail}", boot);
        Assert.False(File.Exists(tree.HostPath("/etc/web/huge.conf")));
        HostStillApplied(boot, tree, host);
    }
}
