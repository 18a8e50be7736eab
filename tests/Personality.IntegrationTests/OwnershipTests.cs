using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// The built-in ownership default (no /etc/personality/ownership.yaml in the tree): paths and services no
/// role may touch, host-owned paths and services the app may not claim, and two roles claiming one path
/// or service. Each is an error naming both origins, with no step for the rejected item; the other items
/// of the same manifests are still applied.
/// </summary>
[Collection("root")]
public sealed class OwnershipTests
{
    [Fact]
    public void PathsNobodyMayTouchAreRejectedOneByOneAndTheRestIsApplied()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("own-forbidden");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        tree.AddDir("/etc/web").AddDir("/boot").AddDir("/usr/bin").AddDir("/lib64").AddDir("/etc/personality").AddDir("/sbin");
        tree.AddFile("/etc/sudoers", "root ALL=(ALL) ALL\n", "440");
        tree.AddFile("/boot/grub.conf", "default=0\n");
        tree.AddFile("/usr/bin/tool", "#!/bin/sh\n", "755");
        tree.AddFile("/etc/personality/ownership.yaml.example", "# not read\n");
        tree.Seed("/lib64/security", isDirectory: true);
        tree.AddFile("/etc/resolv.conf", "nameserver 192.0.2.1\n");
        var before = TreeSnapshot.OfHost(tree.Root);

        // Forbidden targets, as files (copy and bind), state and mounts, from both roles.
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            state: [/lib64/security, /]
            files:
              - path: /etc/passwd
                source: files/evil
              - path: /etc/shadow
                source: files/evil
                how: bind
              - path: /etc/group
                source: files/evil
              - path: /usr/bin/tool
                source: files/evil
              - path: /boot/grub.conf
                source: files/evil
              - path: /etc/personality/ownership.yaml
                source: files/evil
              - path: /etc/sysconfig/personality
                source: files/evil
              - path: /etc/web/app.conf
                source: files/app.conf

            """).File("files/evil", "evil\n").File("files/app.conf", "app config\n").Attach();
        using var host = new ConfigVolume(hostLabel).Manifest("""
            version: 1
            role: host
            hostname: web01
            files:
              - path: /etc/sudoers
                source: files/evil
              - path: /sbin/init
                source: files/evil
              - path: /etc/resolv.conf
                source: files/resolv.conf

            """).File("files/evil", "evil\n").File("files/resolv.conf", "nameserver 198.51.100.7\n").Attach();

        var obs = PersonalityGuest.RunWithUts(tree, "boot 1 ''\nmounts after");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);

        var problems = new List<string>();
        void Rejected(ConfigVolume vol, string needle, string path)
        {
            var prefix = vol.OriginOfLine(needle);
            var errors = status.Errors.Where(e => PersonalityGuest.Text(e).Contains(prefix, StringComparison.Ordinal)).ToList();
            if (errors.Count == 0)
                problems.Add($"{path}: no error names origin {prefix}COL");
            else if (!errors.Any(e => PersonalityGuest.Text(e).Contains(path, StringComparison.Ordinal)))
                problems.Add($"{path}: the error at {prefix} does not name the path: {string.Join("; ", errors)}");
            var steps = status.Steps.Where(s => s.Target == path || s.Source == path).ToList();
            if (steps.Count > 0)
                problems.Add($"{path}: steps for a rejected item: {string.Join("; ", steps)}");
        }
        Rejected(app, "state: [/lib64/security, /]", "/lib64/security");
        Rejected(app, "- path: /etc/passwd", "/etc/passwd");
        Rejected(app, "- path: /etc/shadow", "/etc/shadow");
        Rejected(app, "- path: /etc/group", "/etc/group");
        Rejected(app, "- path: /usr/bin/tool", "/usr/bin/tool");
        Rejected(app, "- path: /boot/grub.conf", "/boot/grub.conf");
        Rejected(app, "- path: /etc/personality/ownership.yaml", "/etc/personality/ownership.yaml");
        Rejected(app, "- path: /etc/sysconfig/personality", "/etc/sysconfig/personality");
        Rejected(host, "- path: /etc/sudoers", "/etc/sudoers");
        Rejected(host, "- path: /sbin/init", "/sbin/init");
        // "/" itself: an error on the state line that says "/" is not allowed (the path text is just "/").
        var rootErrors = status.Errors.Where(e => PersonalityGuest.Text(e).Contains(app.OriginOfLine("state:"), StringComparison.Ordinal)).ToList();
        if (rootErrors.Count < 2)
            problems.Add($"state [/lib64/security, /]: expected an error for each of the two items, got: {string.Join("; ", rootErrors)}");
        Expect.True(problems.Count == 0, "forbidden items not rejected as they should be:\n  " + string.Join("\n  ", problems), boot);

        // None of them changed, in the tree or in the namespace's mount table. (On this writable root the
        // allowed files persist: the original of /etc/resolv.conf is kept with the record of what was placed.)
        var diff = TreeSnapshot.Diff(before.Nodes, TreeSnapshot.OfHost(tree.Root).Nodes,
            p => p.StartsWith("var/run/", StringComparison.Ordinal) || p.StartsWith("var/log/", StringComparison.Ordinal) || p == "etc/web/app.conf" || p == "etc/resolv.conf"
                 || p.StartsWith("var/lib/personality/files-before", StringComparison.Ordinal) || p == "var/lib/personality/files.json");
        Expect.True(diff == "", "the tree changed outside the allowed items:\n" + diff, boot);
        var binds = obs.Mounts("after").Where(m => m.MountPoint.StartsWith(tree.Root + "/", StringComparison.Ordinal)
                                                  && !m.MountPoint.StartsWith(tree.HostPath("/var/lib/personality/"), StringComparison.Ordinal)).ToList();
        Expect.True(binds.Count == 0, "mounts over the tree:\n  " + string.Join("\n  ", binds), boot);

        // The allowed items of both manifests are applied.
        Expect.Step(boot, "/etc/web/app.conf", "file-copy", "applied", app.OriginFile, app.Line("- path: /etc/web/app.conf"));
        Assert.Equal("app config\n", File.ReadAllText(tree.HostPath("/etc/web/app.conf")));
        Expect.Step(boot, "/etc/resolv.conf", "file-copy", "applied", host.OriginFile, host.Line("- path: /etc/resolv.conf"));
        Assert.Equal("nameserver 198.51.100.7\n", File.ReadAllText(tree.HostPath("/etc/resolv.conf")));
        Expect.True(PersonalityGuest.StageStep(boot, "hostname", "hostname", "web01").Result == "applied", "hostname not applied", boot);
    }

    [Fact]
    public void TheAppClaimingHostPathsAndServicesIsRejectedNamingBothOriginsAndTheHostsItemsApply()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("own-conflict");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        InitScripts.Layout(tree);
        InitScripts.AddChkconfig(tree, "sshd", "2345", 55, 25);
        InitScripts.AddChkconfig(tree, "httpd", "-", 85, 15);
        tree.AddFile("/etc/hosts", "127.0.0.1 localhost\n");
        tree.AddDir("/etc/web");

        using var host = new ConfigVolume(hostLabel).Manifest("""
            version: 1
            role: host
            hostname: web01
            files:
              - path: /etc/hosts
                source: files/hosts
            services:
              on: [sshd]

            """).File("files/hosts", "127.0.0.1 localhost\n192.0.2.10 web01\n").Attach();
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/hosts
                source: files/hosts
              - path: /etc/web/app.conf
                source: files/app.conf
            services:
              off: [sshd]
              on: [httpd]

            """).File("files/hosts", "10.0.0.1 app-wants-this\n").File("files/app.conf", "app config\n").Attach();

        var obs = PersonalityGuest.RunWithUts(tree, "boot 1 ''\nsnapshot_tree \"$ROOT/etc/rc.d\" rc");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);

        // /etc/hosts: one error naming the app's item and the host's item.
        var hostsErrors = status.Errors.Where(e => PersonalityGuest.Text(e).Contains(app.OriginOfLine("- path: /etc/hosts"), StringComparison.Ordinal)).ToList();
        Expect.True(hostsErrors.Any(e => PersonalityGuest.Text(e).Contains(host.OriginOfLine("- path: /etc/hosts"), StringComparison.Ordinal)),
            $"no error names both {app.OriginOfLine("- path: /etc/hosts")}COL and {host.OriginOfLine("- path: /etc/hosts")}COL:\n  {string.Join("\n  ", status.Errors)}", boot);
        // sshd: one error naming the app's services line and the host's.
        Expect.True(status.Errors.Any(e => PersonalityGuest.Text(e).Contains("sshd")
                                           && PersonalityGuest.Text(e).Contains(app.OriginOfLine("off: [sshd]"), StringComparison.Ordinal)
                                           && PersonalityGuest.Text(e).Contains(host.OriginOfLine("on: [sshd]"), StringComparison.Ordinal)),
            $"no error about sshd names both {app.OriginOfLine("off: [sshd]")}COL and {host.OriginOfLine("on: [sshd]")}COL:\n  {string.Join("\n  ", status.Errors)}", boot);

        // No step for the rejected items.
        Expect.True(!status.Steps.Any(s => s.Target == "sshd" && s.Action == "service-off"), "the app's service-off sshd has a step", boot);
        Expect.True(!PersonalityGuest.StepsFrom(boot, app).Any(s => s.Target == "/etc/hosts"), "the app's /etc/hosts has a step", boot);
        // The host's own items, and the app's other items, apply.
        Assert.Equal("127.0.0.1 localhost\n192.0.2.10 web01\n", File.ReadAllText(tree.HostPath("/etc/hosts")));
        Expect.Step(boot, "/etc/hosts", "file-copy", "applied", host.OriginFile, host.Line("- path: /etc/hosts"));
        Expect.Step(boot, "/etc/web/app.conf", "file-copy", "applied", app.OriginFile, app.Line("- path: /etc/web/app.conf"));
        var rc = obs.Tree("rc");
        var sshd = InitScripts.LinksOf(rc, "sshd");
        Expect.True(sshd.SetEquals(InitScripts.Expected("sshd", "2345", 55, 25)), $"sshd links {InitScripts.Show(sshd)}", boot);
        var httpd = InitScripts.LinksOf(rc, "httpd");
        Expect.True(httpd.SetEquals(InitScripts.Expected("httpd", "2345", 85, 15)), $"httpd links {InitScripts.Show(httpd)}", boot);
    }

    [Fact]
    public void TheImagesOwnershipFileReplacesTheBuiltInDefault()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("own-file");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        // docs/manifest.md format: here the host role owns only /opt/monitoring; the app owns the rest, /etc/resolv.conf included.
        tree.AddFile("/etc/personality/ownership.yaml", """
            version: 1
            roles:
              host:
                paths: [/opt/monitoring]
                services: [snmpd]
                hostname: true
              app:
                paths: ["*"]
                services: ["*"]
            forbidden: [/etc/web/secret]

            """);
        tree.AddDir("/opt/monitoring").AddDir("/etc/web");
        tree.AddFile("/etc/resolv.conf", "nameserver 192.0.2.1\n");

        using var host = new ConfigVolume(hostLabel).Manifest("""
            version: 1
            role: host
            hostname: web01
            files:
              - path: /opt/monitoring/agent.conf
                source: files/agent.conf
              - path: /etc/resolv.conf
                source: files/resolv.conf

            """).File("files/agent.conf", "agent\n").File("files/resolv.conf", "nameserver 198.51.100.7\n").Attach();
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/resolv.conf
                source: files/resolv.conf
              - path: /etc/web/secret
                source: files/secret

            """).File("files/resolv.conf", "nameserver 203.0.113.9\n").File("files/secret", "secret\n").Attach();

        var obs = PersonalityGuest.RunWithUts(tree, "boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);

        // The host's /etc/resolv.conf is not the host's under this file: rejected, the app's stands.
        Expect.True(status.Errors.Any(e => PersonalityGuest.Text(e).Contains(host.OriginOfLine("- path: /etc/resolv.conf"), StringComparison.Ordinal)
                                           && PersonalityGuest.Text(e).Contains(app.OriginOfLine("- path: /etc/resolv.conf"), StringComparison.Ordinal)),
            $"no error names both claims of /etc/resolv.conf:\n  {string.Join("\n  ", status.Errors)}", boot);
        Expect.Step(boot, "/etc/resolv.conf", "file-copy", "applied", app.OriginFile, app.Line("- path: /etc/resolv.conf"));
        Assert.Equal("nameserver 203.0.113.9\n", File.ReadAllText(tree.HostPath("/etc/resolv.conf")));
        Expect.Step(boot, "/opt/monitoring/agent.conf", "file-copy", "applied", host.OriginFile, host.Line("- path: /opt/monitoring/agent.conf"));
        Assert.Equal("agent\n", File.ReadAllText(tree.HostPath("/opt/monitoring/agent.conf")));

        // The file's own forbidden path.
        PersonalityGuest.ErrorOnLine(boot, app, "- path: /etc/web/secret", "/etc/web/secret");
        PersonalityGuest.NoStepFor(boot, "/etc/web/secret");
        Assert.False(File.Exists(tree.HostPath("/etc/web/secret")));
        Expect.True(PersonalityGuest.StageStep(boot, "hostname", "hostname", "web01").Result == "applied", "hostname not applied", boot);
    }

    [Fact]
    public void AnAppPathBelowAHostStatePathIsAConflictNamingBoth()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("own-below");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        tree.AddDir("/etc/ssh").AddFile("/etc/ssh/ssh_config", "# stock\n").AddFile("/etc/ssh/ssh_host_rsa_key", "image key\n", "600");
        tree.AddDir("/etc/web");

        using var host = new ConfigVolume(hostLabel).Manifest("""
            version: 1
            role: host
            hostname: web01
            state: [/etc/ssh]

            """).Attach();
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/ssh/ssh_config
                source: files/ssh_config
              - path: /etc/web/app.conf
                source: files/app.conf

            """).File("files/ssh_config", "# from the app\n").File("files/app.conf", "app config\n").Attach();

        var obs = PersonalityGuest.RunWithUts(tree, "boot 1 ''\nnote ssh_config \"$(cat \"$ROOT/etc/ssh/ssh_config\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        Expect.True(status.Errors.Any(e => PersonalityGuest.Text(e).Contains(app.OriginOfLine("- path: /etc/ssh/ssh_config"), StringComparison.Ordinal)
                                           && PersonalityGuest.Text(e).Contains(host.OriginOfLine("state: [/etc/ssh]"), StringComparison.Ordinal)),
            $"no error names both {app.OriginOfLine("- path: /etc/ssh/ssh_config")}COL and {host.OriginOfLine("state: [/etc/ssh]")}COL:\n  {string.Join("\n  ", status.Errors)}", boot);
        Expect.True(!status.Steps.Any(s => s.Target == "/etc/ssh/ssh_config"), "the app's /etc/ssh/ssh_config has a step", boot);
        Assert.Equal("# stock", obs.Note("ssh_config"));
        Assert.Equal("# stock\n", File.ReadAllText(tree.HostPath("/etc/ssh/ssh_config")));
        Expect.Step(boot, "/etc/ssh", "bind", "applied", host.OriginFile, host.Line("state: [/etc/ssh]"));
        Assert.Equal("# stock\n", host.Volume.ReadFile("state/etc/ssh/ssh_config"));
        Expect.Step(boot, "/etc/web/app.conf", "file-copy", "applied", app.OriginFile, app.Line("- path: /etc/web/app.conf"));
    }
}
