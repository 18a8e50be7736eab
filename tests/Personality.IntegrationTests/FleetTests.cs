using System.Text.Json;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// `personality fleet plan|build` on the published binary, with the example fleet of the repository
/// (tests/fleet/example: 12 guests, 3 personalities) copied to a temporary folder, its images made
/// here as the example's README says (dummy files: plan and build only name them).
/// </summary>
public sealed class FleetTests : IDisposable
{
    private readonly TempDir _dir = new("fleet");

    public FleetTests()
    {
        Copy(Path.Combine(RepoPaths.Root, "tests", "fleet", "example"), Fleet);
        Directory.CreateDirectory(Path.Combine(Fleet, "images"));
        File.WriteAllBytes(Path.Combine(Fleet, "images", "base.img"), new byte[64 * 1024]);
        File.WriteAllBytes(Path.Combine(Fleet, "images", "vmlinux"), []);
    }

    public void Dispose() => _dir.Dispose();

    private string Fleet => Path.Combine(_dir.Path, "example");
    private string FleetFile => Path.Combine(Fleet, "fleet.yaml");
    private string Build => Path.Combine(Fleet, "build");

    private static ProcessResult Run(params string[] args) => Shell.Run(RepoPaths.Binary, ["fleet", .. args]);

    [Fact]
    public void PlanSaysEveryGuestIsNewAndWritesNothing()
    {
        var r = Run("plan", FleetFile);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("12 guests: 12 new, 0 changed (0 to restart), 0 unchanged; not dry-run: the OS image is an image file without a filesystem this tool reads", r.Stdout);
        Assert.Matches(@"\nweb07 +web +64M 1 vcpu  qemu:///system  new: build makes it, up starts it\n", r.Stdout);
        Assert.Matches(@"\ndb01 +db +128M 1 vcpu", r.Stdout);
        Assert.False(Directory.Exists(Build));

        var json = Run("plan", FleetFile, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        var guests = doc.RootElement.GetProperty("guests").EnumerateArray().ToList();
        Assert.Equal(12, guests.Count);
        Assert.Equal(["web", "db", "cache"], guests.Select(g => g.GetProperty("personality").GetString()).Distinct().Order(Comparer<string?>.Create((a, b) => Order(a) - Order(b))));
        Assert.All(guests, g => Assert.Equal("start", g.GetProperty("effect").GetString()));
        Assert.All(guests, g => Assert.False(g.GetProperty("dryRun").GetProperty("ran").GetBoolean()));
        Assert.False(Directory.Exists(Build));
    }

    [Fact]
    public void PlanDryRunsEveryGuestAgainstAnOsImageFileMountedOnlyInItsOwnNamespace()
    {
        // A real ext4 OS image: plan (as root) mounts it read-only where only its dry run sees it.
        var tree = Path.Combine(_dir.Path, "os-tree");
        Directory.CreateDirectory(Path.Combine(tree, "etc", "sysconfig"));
        Directory.CreateDirectory(Path.Combine(tree, "tmp"));
        File.WriteAllText(Path.Combine(tree, "etc", "rwtab"), "empty /tmp\n");
        File.WriteAllText(Path.Combine(tree, "etc", "sysconfig", "readonly-root"), "READONLY=yes\n");
        var image = Path.Combine(Fleet, "images", "base.img");
        File.Delete(image);
        var mkfs = Shell.Run("mkfs.ext4", ["-q", "-F", "-d", tree, image, "16M"]);
        Assert.True(mkfs.ExitCode == 0, mkfs.ToString());
        var mountsBefore = File.ReadAllText("/proc/self/mountinfo");

        var r = Run("plan", FleetFile, "--json");
        using var doc = JsonDocument.Parse(r.Stdout);
        var guests = doc.RootElement.GetProperty("guests").EnumerateArray().ToList();
        Assert.Equal(12, guests.Count);
        Assert.All(guests, g => Assert.True(g.GetProperty("dryRun").GetProperty("ran").GetBoolean(), g.ToString()));
        Assert.Equal(mountsBefore, File.ReadAllText("/proc/self/mountinfo"));
        Assert.False(Directory.Exists(Build));
    }

    private static int Order(string? p) => p switch { "web" => 0, "db" => 1, _ => 2 };

    [Fact]
    public void BuildMakesEveryGuestAndASecondBuildChangesNothing()
    {
        var first = Run("build", FleetFile);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.EndsWith($"12 guests: 12 made, 0 changed, 0 unchanged; output {Build}\n", first.Stdout);
        foreach (var guest in new[] { "web01", "web07", "cache3", "db01", "db02" })
        {
            var g = Path.Combine(Build, guest);
            Assert.Equal("PERS_HOST", Label(Path.Combine(g, "host.img")));
            Assert.Equal("PERS_APP", Label(Path.Combine(g, "app.img")));
            Assert.Equal("stateless-state", Label(Path.Combine(g, "state.img")));
            Assert.True(File.Exists(Path.Combine(g, "domain.xml")) && File.Exists(Path.Combine(g, "xl.cfg")) && File.Exists(Path.Combine(g, "build.json")));
        }
        Assert.Equal("version: 1\nrole: host\nhostname: db-primary\n", File.ReadAllText(Path.Combine(Build, "db01", "host", "personality.yaml")));
        Assert.Equal("version: 1\nrole: host\nhostname: \"web03\"\n", File.ReadAllText(Path.Combine(Build, "web03", "host", "personality.yaml")));
        Assert.Equal(File.ReadAllText(Path.Combine(Fleet, "personalities", "cache", "hooks", "10-warm.sh")),
            File.ReadAllText(Path.Combine(Build, "cache2", "app", "hooks", "10-warm.sh")));
        Assert.Equal(33261, (int)File.GetUnixFileMode(Path.Combine(Build, "cache2", "app", "hooks", "10-warm.sh")) | 32768); // 0755 kept
        Assert.Contains("<name>rack-db01</name>", File.ReadAllText(Path.Combine(Build, "db01", "domain.xml")));
        Assert.Equal(32L << 20, new FileInfo(Path.Combine(Build, "db01", "state.img")).Length);
        Assert.Equal(8L << 20, new FileInfo(Path.Combine(Build, "web01", "state.img")).Length);
        Assert.Equal(12, Directory.GetDirectories(Build).Length); // no temporary folder left
        // Journaled, with inodes for what boot writes: a guest is stopped by a power cut (virsh destroy).
        foreach (var image in new[] { "host.img", "app.img", "state.img" })
        {
            var header = Shell.Run("dumpe2fs", ["-h", Path.Combine(Build, "web01", image)]).Stdout;
            Assert.Contains("has_journal", header);
            Assert.Matches(@"Inode count:\s+(1\d{3}|[2-9]\d{3}|\d{5,})\n", header);
        }

        var before = Snapshot(Build);
        var second = Run("build", FleetFile);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.EndsWith($"12 guests: 0 made, 0 changed, 12 unchanged; output {Build}\n", second.Stdout);
        Assert.Equal(before, Snapshot(Build));

        var plan = Run("plan", FleetFile);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("12 guests: 0 new, 0 changed (0 to restart), 12 unchanged", plan.Stdout);
    }

    [Fact]
    public void APersonalityChangeRemakesOnlyThatAppVolumeAndKeepsTheStateVolume()
    {
        Assert.Equal(0, Run("build", FleetFile).ExitCode);
        var state = Path.Combine(Build, "db02", "state.img");
        using (var s = File.OpenWrite(state)) s.Write("kept data"u8); // what a guest wrote on its state volume
        var stateBefore = Snapshot(Path.Combine(Build, "db02")).Single(e => e.Path == "state.img");
        var web01Before = Snapshot(Path.Combine(Build, "web01"));

        File.WriteAllText(FleetFile, File.ReadAllText(FleetFile).Replace("  - name: db02\n    personality: db\n", "  - name: db02\n    personality: cache\n"));
        var plan = Run("plan", FleetFile);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Matches(@"\ndb02 +cache +128M 1 vcpu  qemu:///system  changed: build remakes app volume; roll restarts it\n" +
                       @" +app volume +rebuild +the personality changed from db to cache\n" +
                       @" +state volume +keep +kept: a state volume is never overwritten\n", plan.Stdout);
        Assert.Contains("12 guests: 0 new, 1 changed (1 to restart), 11 unchanged", plan.Stdout);

        var build = Run("build", FleetFile);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("db02: remade app volume (the personality changed from db to cache)\n", build.Stdout);
        Assert.Equal(stateBefore, Snapshot(Path.Combine(Build, "db02")).Single(e => e.Path == "state.img"));
        Assert.StartsWith("kept data", File.ReadAllText(state));
        Assert.Contains("personality: cache", File.ReadAllText(Path.Combine(Build, "db02", "app", "personality.yaml")));
        Assert.Equal(web01Before, Snapshot(Path.Combine(Build, "web01")));
    }

    [Fact]
    public void ABrokenPersonalityManifestIsAnErrorAndNothingIsBuilt()
    {
        var manifest = Path.Combine(Fleet, "personalities", "db", "personality.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("services:", "servics:"));
        var r = Run("build", FleetFile);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains($"{manifest}:5:1: error: unknown key 'servics' (did you mean 'services'?)\n", r.Stderr);
        Assert.Contains($"{FleetFile}:12:3: error: personality 'db' does not validate (1 problem in {manifest})", r.Stderr);
        Assert.EndsWith($"personality fleet build: {FleetFile} has problems; nothing was built\n", r.Stderr);
        Assert.False(Directory.Exists(Build));

        var plan = Run("plan", FleetFile, "--json");
        Assert.Equal(1, plan.ExitCode);
        using var doc = JsonDocument.Parse(plan.Stdout);
        Assert.Equal("errors", doc.RootElement.GetProperty("result").GetString());
        Assert.Equal($"{manifest}:5:1", doc.RootElement.GetProperty("problems")[0].GetProperty("origin").GetString());
    }

    [Fact]
    public void AnUnknownKeyAndADuplicateGuestAreNamedAtTheirLineAndColumn()
    {
        File.WriteAllText(FleetFile, File.ReadAllText(FleetFile)
            .Replace("defaults:", "defualts:")
            .Replace("  - {name: \"cache{1..3}\"", "  - {name: \"web{07..08}\", personality: web}\n  - {name: \"cache{1..3}\""));
        var r = Run("build", FleetFile);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{FleetFile}:9:1: error: unknown key 'defualts' (did you mean 'defaults'?)\n", r.Stderr);
        Assert.Contains($"{FleetFile}:18:12: error: two guests are named web07 (the first is at {FleetFile}:17:12; give each guest its own name)\n", r.Stderr);
        Assert.False(Directory.Exists(Build));
    }

    [Fact]
    public void PlanDryRunsEveryGuestWhenTheOsImageIsAnUnpackedTree()
    {
        var tree = Path.Combine(Fleet, "images", "tree");
        Directory.CreateDirectory(Path.Combine(tree, "etc", "rc.d", "init.d"));
        foreach (var service in new[] { "httpd", "cups", "postgresql", "memcached" })
        {
            var script = Path.Combine(tree, "etc", "rc.d", "init.d", service);
            File.WriteAllText(script, $"#!/bin/sh\n# chkconfig: - 85 15\n# description: {service}\n");
            File.SetUnixFileMode(script, (UnixFileMode)0x1ED);
        }
        File.WriteAllText(FleetFile, File.ReadAllText(FleetFile).Replace("os: images/base.img", "os: images/tree"));
        var r = Run("plan", FleetFile);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("dry-run: 12 clean, 0 with errors", r.Stdout);
        Assert.Matches(@"\n    dry-run +\d+ steps, no problems\n", r.Stdout);

        File.Delete(Path.Combine(tree, "etc", "rc.d", "init.d", "memcached"));
        var broken = Run("plan", FleetFile);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("dry-run: 9 clean, 3 with errors", broken.Stdout);
        Assert.Contains("service memcached does not exist in the image", broken.Stdout);
        Assert.False(Directory.Exists(Build));
    }

    [Fact]
    public void AGuestThatFailsToBuildLeavesNothingHalfBuiltAndStopsTheBuild()
    {
        Directory.CreateDirectory(Build);
        File.WriteAllText(Path.Combine(Build, "cache2"), "in the way\n"); // its folder cannot be renamed into place
        var r = Run("build", FleetFile);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cache2: failed, nothing of it changed: ", r.Stdout);
        Assert.EndsWith($"12 guests: 8 made, 0 changed, 0 unchanged, 1 failed, 3 not tried; output {Build}\n", r.Stdout);
        Assert.Equal("in the way\n", File.ReadAllText(Path.Combine(Build, "cache2")));
        Assert.Equal(["cache1", "cache2", "web01", "web02", "web03", "web04", "web05", "web06", "web07"],
            Directory.GetFileSystemEntries(Build).Select(Path.GetFileName).Order(StringComparer.Ordinal)); // no temporary folder left

        File.Delete(Path.Combine(Build, "cache2"));
        var again = Run("build", FleetFile);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.EndsWith($"12 guests: 4 made, 0 changed, 8 unchanged; output {Build}\n", again.Stdout);
    }

    [Fact]
    public void AStateVolumeSmallerThanTheFleetAsksIsKeptAndSaidSo()
    {
        Assert.Equal(0, Run("build", FleetFile).ExitCode);
        File.WriteAllText(FleetFile, File.ReadAllText(FleetFile).Replace("state: 8M", "state: 16M"));
        var plan = Run("plan", FleetFile);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("    state volume  keep      kept at 8M, though the fleet now asks 16M: a state volume is never overwritten or resized\n", plan.Stdout);
        Assert.Contains("12 guests: 0 new, 0 changed (0 to restart), 12 unchanged", plan.Stdout);
        var before = Snapshot(Build);
        Assert.Equal(0, Run("build", FleetFile).ExitCode);
        Assert.Equal(before, Snapshot(Build));
    }

    [Fact]
    public void PlanNamesGuestFoldersTheFleetNoLongerHas()
    {
        Assert.Equal(0, Run("build", FleetFile).ExitCode);
        File.WriteAllText(FleetFile, File.ReadAllText(FleetFile).Replace("web{01..07}", "web{01..05}"));
        var plan = Run("plan", FleetFile);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("\nweb06     no longer in the fleet: build leaves its folder; remove it when the guest is gone\n", plan.Stdout);
        Assert.Contains("\nweb07     no longer in the fleet", plan.Stdout);
        using var doc = JsonDocument.Parse(Run("plan", FleetFile, "--json").Stdout);
        Assert.Equal(["web06", "web07"], doc.RootElement.GetProperty("orphans").EnumerateArray().Select(e => e.GetString()));
        Assert.True(Directory.Exists(Path.Combine(Build, "web06")));
    }

    [Fact]
    public void StatusWithoutRunningGuestsSaysSoForEachAndExitsOne()
    {
        // No guest of this fleet is defined (and libvirtd may not even run here): each one is a line, none is ok.
        var r = Run("status", FleetFile, "--json");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var guests = doc.RootElement.GetProperty("guests").EnumerateArray().ToList();
        Assert.Equal(12, guests.Count);
        Assert.All(guests, g => Assert.False(g.GetProperty("ok").GetBoolean()));
        Assert.All(guests, g => Assert.Contains(g.GetProperty("state").GetString(), new[] { "undefined", "unknown" }));
    }

    [Fact]
    public void AConnectionThatRefusesIsAnErrorNamingItsGuestsAndNothingIsBuiltOrStarted()
    {
        // db02 runs elsewhere, over a socket nobody listens on: up and roll refuse before building anything.
        var refusing = "qemu+unix:///system?socket=/nonexistent/libvirt-sock";
        File.WriteAllText(FleetFile, File.ReadAllText(FleetFile).Replace("  - name: db02\n", $"  - name: db02\n    connection: \"{refusing}\"\n"));
        foreach (var sub in new[] { "up", "roll" })
        {
            var r = Run(sub, FleetFile);
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains($"fleet.yaml:{Line("  - name: db02")}:", r.Stderr);
            Assert.Contains($"libvirt connection {refusing} refuses", r.Stderr);
            Assert.Contains("guests on it: db02", r.Stderr);
            Assert.Contains("nothing was built or started", r.Stderr);
            Assert.False(Directory.Exists(Build));
        }
    }

    private int Line(string text) => Array.IndexOf(File.ReadAllLines(FleetFile), text) + 1;

    [Fact]
    public void AGuestNotInTheFleetIsAUsageErrorWithADidYouMean()
    {
        var r = Run("down", FleetFile, "web1");
        Assert.Equal(64, r.ExitCode);
        Assert.Contains("no guest 'web1'", r.Stderr);
        Assert.Contains("did you mean", r.Stderr);
    }

    [Fact]
    public void UsageErrorsExit64()
    {
        Assert.Equal(64, Run().ExitCode);
        Assert.Equal(64, Run("plan").ExitCode);
        Assert.Equal(64, Run("bild", FleetFile).ExitCode);
        Assert.Contains("did you mean 'build'?", Run("bild", FleetFile).Stderr);
        Assert.Equal(64, Run("plan", FleetFile, "--frobnicate").ExitCode);
    }

    /// <summary>Every file and folder below <paramref name="root"/>: path, size, mtime (to the tick) and content, in path order.</summary>
    private static List<SnapshotEntry> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(p => new SnapshotEntry(Path.GetRelativePath(root, p),
                File.Exists(p) ? new FileInfo(p).Length : -1,
                File.GetLastWriteTimeUtc(p).Ticks,
                File.Exists(p) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : ""))
            .ToList();

    private sealed record SnapshotEntry(string Path, long Size, long MtimeTicks, string Sha256);

    private static string Label(string image) => Shell.Check("blkid", "-o", "value", "-s", "LABEL", image).Stdout.Trim();

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var target = Path.Combine(to, Path.GetFileName(entry));
            if (Directory.Exists(entry)) { Copy(entry, target); continue; }
            File.Copy(entry, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(entry));
        }
    }
}
